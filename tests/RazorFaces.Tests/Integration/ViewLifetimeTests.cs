using System.Net;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Integration;

public sealed class ViewLifetimeTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    [Fact]
    public async Task TwoViewsOfOneSessionAreIndependent()
    {
        using var browser = fixture.Server.NewBrowser();
        var first = await browser.OpenAsync("counter");
        var second = await browser.OpenAsync("counter");
        Assert.NotEqual(first.ViewId, second.ViewId);
        Assert.Equal(first.Token, second.Token);

        await first.ClickAsync("#increment");
        await first.ClickAsync("#increment");
        await second.ClickAsync("#increment");

        Assert.Equal("2", first.Text("#count"));
        Assert.Equal(3, first.Number);
        Assert.Equal("1", second.Text("#count"));
        Assert.Equal(2, second.Number);
        Assert.True(await first.IsInSyncWithServerAsync(), first.Html);
        Assert.True(await second.IsInSyncWithServerAsync(), second.Html);
    }

    [Fact]
    public async Task CloseReleasesTheViewSoALaterMessageStartsThePageAfreshUnderANewId()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var other = await browser.OpenAsync("counter");
        await view.ClickAsync("#increment");
        var closedId = view.ViewId;

        var closed = await view.CloseAsync();

        Assert.True(closed.IsSuccess, closed.ToString());
        Assert.Empty(closed.Messages);
        // The view's state went with it: a late click lands on a fresh page (count 0 + this click).
        var click = await view.ClickAsync("#increment");
        Assert.True(click.IsSuccess, click.ToString());
        Assert.NotEqual(closedId, view.ViewId);
        Assert.Equal("1", view.Text("#count"));
        var poll = await view.PollAsync(n: 0);
        Assert.True(poll.IsSuccess, poll.ToString());

        // Only that view went: the session and its other view live on.
        await other.ClickAsync("#increment");
        Assert.Equal("1", other.Text("#count"));
    }
}

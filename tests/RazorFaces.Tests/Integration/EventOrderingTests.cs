using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RazorFaces.Hosting;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Integration;

public sealed class EventOrderingTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    [Fact]
    public async Task ARepeatedEventIdIsNotAppliedTwiceAndGetsTheSameAnswer()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var click = view.EventMessage(view.TargetOf("#increment", "click"), "click");

        var first = await view.SendAsync(click);
        var retry = await view.SendAsync(click);

        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(2, Assert.Single(retry.Updates).Number);
        Assert.Equal("1", view.Text("#count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);

        // The next id is applied as usual.
        await view.ClickAsync("#increment");
        Assert.Equal("2", view.Text("#count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task AClientThatMissedUpdatesGetsEveryUpdateItLacks()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var target = view.TargetOf("#increment", "click");

        ServerAnswer? last = null;
        for (var i = 0; i < 3; i++)
        {
            // The answers are "lost": the client still claims n = 1.
            last = await view.Transport.SendAsync(view.EventMessage(target, "click", n: 1).ToJsonString());
        }

        Assert.Equal([2, 3, 4], last!.Updates.Select(u => u.Number));
        // Delivered out of order, the updates are held back until the gap closes.
        view.Apply([last.Messages[2], last.Messages[1]]);
        Assert.Equal(2, view.HeldBack);
        Assert.Equal(1, view.Number);
        view.Apply([last.Messages[0]]);
        Assert.Equal(0, view.HeldBack);
        Assert.Equal(4, view.Number);
        Assert.Equal("3", view.Text("#count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task AClientTooFarBehindTheUpdateLogGetsARefresh()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var target = view.TargetOf("#increment", "click");
        var logLength = fixture.Server.Services.GetRequiredService<IOptions<RazorFacesOptions>>().Value.Views.UpdateLogLength;

        ServerAnswer? last = null;
        for (var i = 0; i < logLength + 1; i++)
        {
            last = await view.Transport.SendAsync(view.EventMessage(target, "click", n: 1).ToJsonString());
        }

        var refresh = Assert.Single(last!.Messages);
        Assert.Equal("refresh", refresh.Type);
        Assert.Equal(logLength + 2, refresh.Number);
        view.Apply(last.Messages);
        Assert.Equal(logLength + 2, view.Number);
        Assert.Equal((logLength + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), view.Text("#count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }
}

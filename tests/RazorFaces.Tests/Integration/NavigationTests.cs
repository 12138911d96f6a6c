using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Integration;

public sealed class NavigationTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    [Fact]
    public async Task FollowingAnInAppLinkUpdatesTheViewInPlaceAndCarriesTheUrl()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var viewId = view.ViewId;

        var answer = await view.NavigateAsync(view.Find("#nav-todos").GetAttribute("href")!);

        var update = Assert.Single(answer.Messages);
        Assert.Equal("update", update.Type);
        Assert.Equal(2, update.Number);
        Assert.Equal(new Uri(fixture.Server.BaseAddress, "todos").AbsoluteUri, update.Url);
        Assert.Equal(update.Url, view.Url);
        Assert.Equal(viewId, view.ViewId);
        Assert.True(view.Has("#todo-list"));
        Assert.False(view.Has("#count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);

        // The navigated view is live: its new page handles events.
        await view.InputAsync("#todo-text", "Walk");
        await view.ClickAsync("#add-todo");
        Assert.Equal("1 item(s)", view.Text("#todo-count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task ANavigationToAnAddressOutsideTheAppIsRejectedAndLeavesTheViewAlone()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var before = view.Html;

        var answer = await view.NavigateAsync("https://example.org/elsewhere");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("bad-message", answer.ErrorCode);
        Assert.True(HtmlComparison.AreEquivalent(before, await view.ServerHtmlAsync()));
    }
}

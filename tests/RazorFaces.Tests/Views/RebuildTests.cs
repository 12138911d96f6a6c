using RazorFaces.Protocol;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Support.TestPages;

namespace RazorFaces.Tests.Views;

/// <summary>docs/protocol.md, "Views the server does not have": a dropped live view is rebuilt from its record.</summary>
public sealed class RebuildTests
{
    [Fact]
    public async Task AfterEveryLiveViewWasDroppedTheCounterKeepsCountingWithAPlainUpdateFlaggedRebuilt()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(o => o.EnableTestHooks = true);
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await view.ClickAsync("#increment");
        await view.ClickAsync("#increment");
        var saved = view.Number;

        await browser.PassivateAllThroughTheHookAsync();
        Assert.Null(server.Registry().Find(view.ViewId));
        var answer = await view.ClickAsync("#increment");

        Assert.True(answer.IsSuccess, answer.ToString());
        var update = Assert.Single(answer.Messages);
        Assert.Equal(MessageTypes.Update, update.Type);
        Assert.True(update.Rebuilt, update.Json);
        Assert.Equal(saved + 1, update.Number);
        Assert.Equal(1, update.PatchCount);
        Assert.Equal("3", view.Text("#count"));
        Assert.NotNull(server.Registry().Find(view.ViewId));

        // Only the first answer after the rebuild says so; then the view carries on like any other.
        var next = await view.ClickAsync("#increment");
        Assert.False(Assert.Single(next.Messages).Rebuilt, next.ToString());
        Assert.Equal("4", view.Text("#count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task ARebuildWhoseDomDiffersAnswersARefreshWithTheEventApplied()
    {
        await using var server = await RazorFacesTestServer.StartAsync<TestApp>();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("m2/unsaved-state");
        await view.ClickAsync("#bump");
        await view.ClickAsync("#bump");
        var saved = view.Number;

        await server.Registry().RemoveAllAsync();
        var answer = await view.ClickAsync("#bump");

        Assert.True(answer.IsSuccess, answer.ToString());
        var refresh = Assert.Single(answer.Messages);
        Assert.Equal(MessageTypes.Refresh, refresh.Type);
        Assert.True(refresh.Rebuilt, refresh.Json);
        Assert.Equal(view.ViewId, refresh.View);
        Assert.True(refresh.Number > saved, refresh.Json);
        // The event was applied to the rebuilt view: the saved count went on, the unsaved one restarted.
        Assert.Equal("3", view.Text("#saved"));
        Assert.Equal("1", view.Text("#unsaved"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task ARecordWhoseDomHashNoLongerMatchesIsAnsweredWithARefreshOnePastTheSavedNumber()
    {
        // A short poll timeout: the poll below must not wait long if nothing is newer.
        await using var server = await RazorFacesTestServer.StartDemoAsync(o => o.Transport.PollTimeout = TimeSpan.FromMilliseconds(200));
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await view.ClickAsync("#increment");
        var saved = view.Number;

        // Another node wrote the session (with a record of a DOM this page does not render): this node's copy is stale.
        await server.ChangeStoredRecordAsync(browser.SessionId, view.ViewId, record => record.DomHash = "not-what-the-page-renders");
        var poll = await view.PollAsync();

        Assert.True(poll.IsSuccess, poll.ToString());
        var refresh = Assert.Single(poll.Messages);
        Assert.Equal(MessageTypes.Refresh, refresh.Type);
        Assert.True(refresh.Rebuilt, refresh.Json);
        Assert.Equal(saved + 1, refresh.Number);
        Assert.Equal("1", view.Text("#count"));
        var click = await view.ClickAsync("#increment");
        Assert.Equal(saved + 2, Assert.Single(click.Updates).Number);
        Assert.Equal("2", view.Text("#count"));
    }

    [Fact]
    public async Task APollAsTheFirstRequestAfterTheDropRebuildsTheView()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(o => o.Transport.PollTimeout = TimeSpan.FromMilliseconds(200));
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await view.ClickAsync("#increment");
        await server.Registry().RemoveAllAsync();

        var poll = await view.PollAsync();

        // Same DOM: nothing is newer than what the browser has, so the poll answers nothing; the view is live again.
        Assert.True(poll.IsSuccess, poll.ToString());
        Assert.Empty(poll.Messages);
        Assert.NotNull(server.Registry().Find(view.ViewId));
        var click = await view.ClickAsync("#increment");
        var update = Assert.Single(click.Messages);
        Assert.Equal(MessageTypes.Update, update.Type);
        Assert.True(update.Rebuilt, update.Json);
        Assert.Equal("2", view.Text("#count"));
    }

    [Fact]
    public async Task APollAsTheFirstRequestAfterTheDropOfAViewWhoseDomDiffersGetsARefreshOnePastTheSavedNumber()
    {
        await using var server = await RazorFacesTestServer.StartAsync<TestApp>();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("m2/unsaved-state");
        await view.ClickAsync("#bump");
        var saved = view.Number;
        await server.Registry().RemoveAllAsync();

        var poll = await view.PollAsync();

        var refresh = Assert.Single(poll.Messages);
        Assert.Equal(MessageTypes.Refresh, refresh.Type);
        Assert.True(refresh.Rebuilt, refresh.Json);
        Assert.Equal(saved + 1, refresh.Number);
        Assert.Equal("1", view.Text("#saved"));
        Assert.Equal("0", view.Text("#unsaved"));
        var click = await view.ClickAsync("#bump");
        var update = Assert.Single(click.Messages);
        Assert.Equal(MessageTypes.Update, update.Type);
        Assert.False(update.Rebuilt, update.Json);
        Assert.Equal(saved + 2, update.Number);
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }
}

using System.Text.Json.Nodes;
using RazorFaces.Protocol;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Views;

/// <summary>Event ids and view numbers (milestone 2, item 6), especially across a rebuild.</summary>
public sealed class EventIdTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    private static readonly JsonObject ClickArgs = new() { ["button"] = 0, ["detail"] = 1, ["type"] = "click" };

    [Fact]
    public async Task ARepeatedEventIdIsNotAppliedAgainAfterTheViewWasRebuilt()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var click = view.EventMessage(view.TargetOf("#increment", "click"), "click", ClickArgs.DeepClone().AsObject());
        var first = await view.SendAsync(click.DeepClone());
        Assert.True(first.IsSuccess, first.ToString());
        Assert.Equal("1", view.Text("#count"));

        // The live view goes (and its update log with it); its record keeps the last event id.
        await fixture.Server.Registry().RemoveAsync(view.ViewId);
        var retry = await view.SendAsync(click.DeepClone());

        Assert.True(retry.IsSuccess, retry.ToString());
        Assert.Equal("1", view.Text("#count"));
        Assert.Contains(">1<", await view.ServerHtmlAsync(), StringComparison.Ordinal);
        await view.ClickAsync("#increment");
        Assert.Equal("2", view.Text("#count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task AnOlderEventIdIsNotAppliedAfterARebuildEither()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var old = view.EventMessage(view.TargetOf("#increment", "click"), "click", ClickArgs.DeepClone().AsObject());
        await view.SendAsync(old.DeepClone());
        await view.ClickAsync("#increment");
        await fixture.Server.Registry().RemoveAsync(view.ViewId);

        var late = await view.SendAsync(old.DeepClone());

        Assert.True(late.IsSuccess, late.ToString());
        Assert.Equal("2", view.Text("#count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task AClientBehindWhatTheUpdateLogReachesGetsARefreshWithItsEventApplied()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await view.ClickAsync("#increment");
        await view.ClickAsync("#increment");
        await view.ClickAsync("#increment");

        // n=1: the client claims it never saw updates 2 to 4, which the log no longer holds (they were acknowledged).
        var answer = await view.SendAsync(view.EventMessage(view.TargetOf("#increment", "click"), "click", ClickArgs.DeepClone().AsObject(), n: 1));

        var refresh = Assert.Single(answer.Messages);
        Assert.Equal(MessageTypes.Refresh, refresh.Type);
        Assert.Equal(5, refresh.Number);
        Assert.Equal("4", view.Text("#count"));
    }

    [Theory]
    // A number the view never sent (a browser that talked to a since-restarted node, say): numbered past what the
    // client saw (7), so that no number it already had ever stands for another page.
    [InlineData(5, 8)]
    // One number past the view (one unsaved update from a view since rebuilt from its record): the click's own update
    // would take exactly the number the client has, and the client would skip it as seen; the view was at 2, the
    // client at 3, so the refresh carries the click and is numbered past both.
    [InlineData(1, 4)]
    public async Task AClientAheadOfTheViewGetsARefreshNumberedPastWhatItSaw(int ahead, int expectedNumber)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await view.ClickAsync("#increment");

        var answer = await view.SendAsync(view.EventMessage(view.TargetOf("#increment", "click"), "click", ClickArgs.DeepClone().AsObject(), n: view.Number + ahead));

        var refresh = Assert.Single(answer.Messages);
        Assert.Equal(MessageTypes.Refresh, refresh.Type);
        Assert.Equal(expectedNumber, refresh.Number);
        Assert.Equal("2", view.Text("#count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task AClientBehindARebuiltViewGetsARefresh()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await view.ClickAsync("#increment");
        await view.ClickAsync("#increment");
        await fixture.Server.Registry().RemoveAsync(view.ViewId);

        // A rebuilt view has no update log: a client that missed an update can only be set right by a refresh.
        var answer = await view.SendAsync(view.EventMessage(view.TargetOf("#increment", "click"), "click", ClickArgs.DeepClone().AsObject(), n: view.Number - 1));

        var refresh = Assert.Single(answer.Messages);
        Assert.Equal(MessageTypes.Refresh, refresh.Type);
        Assert.True(refresh.Rebuilt, refresh.Json);
        Assert.Equal("3", view.Text("#count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }
}

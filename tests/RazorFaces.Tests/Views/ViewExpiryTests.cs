using Microsoft.Extensions.Time.Testing;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Hosting;
using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.State;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Views;

/// <summary>Views expire (a cap per session, an idle timeout) and idle live views are passivated; all on a manual clock.</summary>
public sealed class ViewExpiryTests
{
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public async Task TheSeventeenthViewEvictsTheLeastRecentlyUsedViewAndItsRecord()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var views = new List<ViewClient>();
        for (var i = 0; i < 16; i++)
        {
            var view = await browser.OpenAsync("counter");
            await view.ClickAsync("#increment");
            views.Add(view);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        // Using the oldest view makes the second one the least recently used.
        await views[0].ClickAsync("#increment");
        clock.Advance(TimeSpan.FromSeconds(1));
        var evicted = views[1];

        var seventeenth = await browser.OpenAsync("counter");

        Assert.Null(server.Registry().Find(evicted.ViewId));
        var records = await StoredViewIdsAsync(server, browser);
        Assert.Equal(16, records.Count);
        Assert.DoesNotContain(evicted.ViewId, records);
        Assert.Contains(views[0].ViewId, records);
        Assert.Contains(seventeenth.ViewId, records);
        Assert.NotNull(server.Registry().Find(views[0].ViewId));

        // The evicted tab is told, once, and stops: a fresh view would push out the next least recently used tab.
        var refused = await evicted.ClickAsync("#increment");
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ViewEvicted), (refused.Status, refused.ErrorCode));
        Assert.Equal(ConnectionStatus.Closed, evicted.Status);
        Assert.Equal(16, (await StoredViewIdsAsync(server, browser)).Count);
        await views[0].ClickAsync("#increment");
        Assert.Equal("3", views[0].Text("#count"));
    }

    [Fact]
    public async Task AViewWhoseTabPollsCountsAsInUseSoTheCapDropsAnUnwatchedOneFirst()
    {
        await using var server = await StartAsync(o => o.Views.MaxPerSession = 2);
        using var browser = server.NewBrowser();
        var watched = await browser.OpenAsync("counter", TransportKind.LongPoll);
        clock.Advance(TimeSpan.FromSeconds(1));
        var unwatched = await browser.OpenAsync("counter", TransportKind.LongPoll);
        await unwatched.ClickAsync("#increment");
        clock.Advance(TimeSpan.FromSeconds(1));
        using var stopPolling = new CancellationTokenSource();
        var poll = watched.PollAsync(cancellationToken: stopPolling.Token);
        await Eventually.TrueAsync(() => server.Registry().Find(watched.ViewId)?.IsWatched == true, "the poll waits on its view");

        await browser.OpenAsync("counter", TransportKind.LongPoll);

        Assert.NotNull(server.Registry().Find(watched.ViewId));
        Assert.Null(server.Registry().Find(unwatched.ViewId));
        var refused = await unwatched.ClickAsync("#increment");
        Assert.Equal(ErrorCodes.ViewEvicted, refused.ErrorCode);
        await stopPolling.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        await watched.ClickAsync("#increment");
        Assert.Equal("1", watched.Text("#count"));
    }

    [Theory]
    [InlineData(TransportKind.LongPoll)]
    [InlineData(TransportKind.SignalR)]
    public async Task MoreListeningTabsThanTheCapSettleTheEvictedTabIsToldOnceAndTheOthersKeepWorking(TransportKind transport)
    {
        await using var server = await StartAsync(o => o.Views.MaxPerSession = 2);
        using var browser = server.NewBrowser();
        using var stop = new CancellationTokenSource();
        var tabs = new List<ViewClient>();
        var listening = new List<Task>();
        for (var i = 0; i < 3; i++)
        {
            var tab = await browser.OpenAsync("counter", transport);
            tabs.Add(tab);
            listening.Add(tab.ListenAsync(stop.Token));
            await Eventually.TrueAsync(() => server.Registry().Find(tab.ViewId)?.IsWatched == true, "the tab listens");
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Every tab was listening: the least recently used of them, the first, went; its tab stops.
        await Eventually.TrueAsync(() => tabs[0].Status == ConnectionStatus.Closed, "the evicted tab is told");
        for (var round = 0; round < 3; round++)
        {
            await tabs[1].ClickAsync("#increment");
            await tabs[2].ClickAsync("#increment");
        }

        Assert.Equal(("3", "3"), (tabs[1].Text("#count"), tabs[2].Text("#count")));
        Assert.All(tabs.Skip(1), tab => Assert.Equal((0, 0, ConnectionStatus.Connected), (tab.Reloads, tab.ViewsAdopted, tab.Status)));
        Assert.Equal(2, (await StoredViewIdsAsync(server, browser)).Count);
        Assert.Equal(1, tabs[0].Failures.Count(f => f.Contains(ErrorCodes.ViewEvicted, StringComparison.Ordinal)));
        await stop.CancelAsync();
        foreach (var task in listening)
        {
            await task.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [Fact]
    public async Task AViewIdleBeyondTheIdleTimeoutIsDroppedWithItsRecordWhileARecentlyUsedOneStays()
    {
        await using var server = await StartAsync(o => o.Views.IdleTimeout = TimeSpan.FromMinutes(5));
        using var browser = server.NewBrowser();
        var idle = await browser.OpenAsync("counter");
        await idle.ClickAsync("#increment");
        clock.Advance(TimeSpan.FromMinutes(3));
        var recent = await browser.OpenAsync("counter");
        await recent.ClickAsync("#increment");
        clock.Advance(TimeSpan.FromMinutes(3));

        // Expiry is applied whenever the session records a view.
        var third = await browser.OpenAsync("counter");

        var records = await StoredViewIdsAsync(server, browser);
        Assert.Equal(new[] { recent.ViewId, third.ViewId }.Order(StringComparer.Ordinal), records.Order(StringComparer.Ordinal));
        Assert.Null(server.Registry().Find(idle.ViewId));
        var idleId = idle.ViewId;
        await idle.ClickAsync("#increment");
        Assert.NotEqual(idleId, idle.ViewId);
        Assert.Equal("1", idle.Text("#count"));
        await recent.ClickAsync("#increment");
        Assert.Equal("2", recent.Text("#count"));
    }

    [Fact]
    public async Task PassivationDropsLiveViewsIdlePastPassivateAfterAndKeepsTheirRecords()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var idle = await browser.OpenAsync("counter");
        await idle.ClickAsync("#increment");
        clock.Advance(TimeSpan.FromMinutes(6));
        var busy = await browser.OpenAsync("counter");
        await busy.ClickAsync("#increment");
        clock.Advance(TimeSpan.FromMinutes(5));

        // The expiry service may get there first on its own timer; either way only the idle view goes.
        await server.Registry().PassivateAsync(TimeSpan.FromMinutes(10));

        Assert.Null(server.Registry().Find(idle.ViewId));
        Assert.NotNull(server.Registry().Find(busy.ViewId));
        var records = await StoredViewIdsAsync(server, browser);
        Assert.Contains(idle.ViewId, records);
        Assert.Contains(busy.ViewId, records);
        var answer = await idle.ClickAsync("#increment");
        var update = Assert.Single(answer.Messages);
        Assert.Equal(MessageTypes.Update, update.Type);
        Assert.True(update.Rebuilt, update.Json);
        Assert.Equal("2", idle.Text("#count"));
    }

    [Fact]
    public async Task TheExpiryServicePassivatesIdleViewsOnItsTimerAndAnEventRebuildsThem()
    {
        await using var server = await StartAsync(o => o.Views.PassivateAfter = TimeSpan.FromMinutes(1));
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await view.ClickAsync("#increment");
        Assert.NotNull(server.Registry().Find(view.ViewId));

        clock.Advance(TimeSpan.FromMinutes(2));

        await Eventually.TrueAsync(() => server.Registry().Find(view.ViewId) is null, "the idle view is passivated");
        Assert.Contains(view.ViewId, await StoredViewIdsAsync(server, browser));
        var answer = await view.ClickAsync("#increment");
        Assert.True(Assert.Single(answer.Messages).Rebuilt, answer.ToString());
        Assert.Equal("2", view.Text("#count"));
    }

    private Task<RazorFacesTestServer> StartAsync(Action<RazorFacesOptions>? configure = null) =>
        RazorFacesTestServer.StartDemoAsync(configure, s => s.AddSingleton<TimeProvider>(clock));

    private static async Task<List<string>> StoredViewIdsAsync(RazorFacesTestServer server, BrowserSession browser)
    {
        var stored = await server.Services.GetRequiredService<ISessionStore>().LoadAsync(browser.SessionId);
        Assert.NotNull(stored);
        return [.. stored.Fields.Keys.Where(k => k.StartsWith(SessionFields.ViewPrefix, StringComparison.Ordinal)).Select(k => k[SessionFields.ViewPrefix.Length..])];
    }
}

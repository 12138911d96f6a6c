using Microsoft.Extensions.Time.Testing;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RazorFaces.Session;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Views;

/// <summary>A node protects its memory: a cap on live views (passivation under pressure) and on sessions (new ones refused).</summary>
public sealed class NodeCapTests
{
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public async Task BeyondTheLiveViewCapTheLeastRecentlyUsedViewsArePassivatedAtOnceAndRebuildWithTheirState()
    {
        await using var server = await StartAsync(o => o.Views.MaxLivePerNode = 10);
        var views = new List<ViewClient>();
        for (var i = 0; i < 10; i++)
        {
            var view = await server.NewBrowser().OpenAsync("counter");
            await view.ClickAsync("#increment");
            views.Add(view);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(10, server.Registry().Count);

        var eleventh = await server.NewBrowser().OpenAsync("counter");

        // Down to nine tenths of the cap, the least recently used first.
        await Eventually.TrueAsync(() => server.Registry().Count == 9, "the node passivates down to 9 live views");
        Assert.Null(server.Registry().Find(views[0].ViewId));
        Assert.Null(server.Registry().Find(views[1].ViewId));
        Assert.NotNull(server.Registry().Find(views[9].ViewId));
        Assert.NotNull(server.Registry().Find(eleventh.ViewId));
        var answer = await views[0].ClickAsync("#increment");
        Assert.True(Assert.Single(answer.Messages).Rebuilt, answer.ToString());
        Assert.Equal("2", views[0].Text("#count"));
    }

    [Fact]
    public async Task UnderPressureAViewWhoseTabPollsStaysLiveAndAnUnwatchedOneGoesInstead()
    {
        await using var server = await StartAsync(o => o.Views.MaxLivePerNode = 2);
        var watched = await server.NewBrowser().OpenAsync("counter", TransportKind.LongPoll);
        clock.Advance(TimeSpan.FromSeconds(1));
        var unwatched = await server.NewBrowser().OpenAsync("counter", TransportKind.LongPoll);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var stopPolling = new CancellationTokenSource();
        var poll = watched.PollAsync(cancellationToken: stopPolling.Token);
        await Eventually.TrueAsync(() => server.Registry().Find(watched.ViewId)?.IsWatched == true, "the poll waits on its view");

        await server.NewBrowser().OpenAsync("counter", TransportKind.LongPoll);

        await Eventually.TrueAsync(() => server.Registry().Find(unwatched.ViewId) is null, "the unwatched view is passivated");
        Assert.NotNull(server.Registry().Find(watched.ViewId));
        await stopPolling.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
    }

    [Fact]
    public async Task BeyondTheSessionCapANewVisitorGets503WithRetryAfterWhileExistingSessionsCarryOnAndOneLineIsLogged()
    {
        await using var server = await StartAsync(o => o.Sessions.MaxPerNode = 3);
        var users = new List<ViewClient>();
        for (var i = 0; i < 3; i++)
        {
            users.Add(await server.NewBrowser().OpenAsync("counter"));
        }
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var refused = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            refused.Add(await http.GetAsync(new Uri("counter", UriKind.Relative)));
        }

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
        Assert.All(refused, r => Assert.NotNull(r.Headers.RetryAfter));
        Assert.Equal(3, server.Services.GetRequiredService<SessionManager>().CachedCount);
        Assert.Single(server.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Sessions.MaxPerNode", StringComparison.Ordinal));
        foreach (var user in users)
        {
            Assert.True((await user.ClickAsync("#increment")).IsSuccess);
            // A reload in an existing session starts no session.
            await user.ReloadAsync();
        }

        // Sessions that end make room.
        clock.Advance(TimeSpan.FromMinutes(31));
        await Eventually.TrueAsync(() => server.Services.GetRequiredService<SessionManager>().CachedCount == 0, "the sessions end");
        var newcomer = await server.NewBrowser().OpenAsync("counter");
        Assert.True((await newcomer.ClickAsync("#increment")).IsSuccess);
    }

    private Task<RazorFacesTestServer> StartAsync(Action<RazorFacesOptions> configure) =>
        RazorFacesTestServer.StartDemoAsync(configure, s => s.AddSingleton<TimeProvider>(clock));
}

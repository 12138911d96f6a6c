using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Redis;
using RazorFaces.Session;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Views;
using Xunit.Abstractions;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// How many times one event waits for Redis (docs/cluster.md, "The session lease and Redis round trips"): on the node
/// that kept the session's lease since its last request there, once (the save, which keeps the lease again); without a
/// kept lease, twice (the lease with the version, then the save with the release). Counted with MONITOR on a real
/// redis-server.
/// </summary>
public sealed class RedisRoundTripTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>
{
    private const int Clicks = 5;

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public async Task ACounterClickWaitsForRedisOnceOnTheNodeThatKeptTheLeaseAndTwiceWithout(bool keep, int roundTrips)
    {
        await using var server = await StartAsync(keep);
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var sessionId = browser.SessionId;
        await WarmUpAsync(server, view, keep);
        await using var monitor = await RedisMonitor.StartAsync(redis.Port);
        var store = (RedisSessionStore)server.Services.GetRequiredService<ISessionStore>();

        // A node whose liveness key could not vouch for it (a CI machine stalled its heartbeat past the key's 250 ms)
        // rightly takes the lease from Redis again: such a click is not counted, and another is made.
        var counted = 0;
        var clicks = 0;
        while (counted < Clicks && clicks < 3 * Clicks)
        {
            var unvouched = store.Unvouched;
            var answer = await view.ClickAsync("#increment");
            clicks++;
            var commands = await monitor.CommandsMentioningAsync(sessionId);

            Assert.True(answer.IsSuccess, answer.ToString());
            var stalled = keep && store.Unvouched != unvouched;
            output.WriteLine($"click {clicks}: {commands.Count} round trip(s){(stalled ? ", liveness could not vouch: not counted" : "")}\n  {string.Join("\n  ", commands.Select(Shorten))}");
            if (stalled)
            {
                continue;
            }
            Assert.True(commands.Count == roundTrips, $"click {clicks} sent {commands.Count} commands:\n{string.Join('\n', commands)}");
            counted++;
        }
        Assert.Equal(Clicks, counted);
        Assert.Equal((clicks + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), view.Text("#count"));
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 2)]
    public async Task ARequestThatWritesNothingDoesNotWaitForRedisOnTheNodeThatKeptTheLease(bool keep, int roundTrips)
    {
        await using var server = await StartAsync(keep);
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var sessionId = browser.SessionId;
        await WarmUpAsync(server, view, keep);
        await using var monitor = await RedisMonitor.StartAsync(redis.Port);
        var store = (RedisSessionStore)server.Services.GetRequiredService<ISessionStore>();

        for (var attempt = 1; ; attempt++)
        {
            var unvouched = store.Unvouched;
            // A poll from an older number is answered at once from the view's update log: nothing in the session changes.
            var answer = await view.PollAsync(n: view.Number - 1);
            var commands = await monitor.CommandsMentioningAsync(sessionId);

            Assert.True(answer.IsSuccess, answer.ToString());
            output.WriteLine($"poll: {commands.Count} round trip(s)\n  {string.Join("\n  ", commands.Select(Shorten))}");
            // As in the click test: a stalled heartbeat rightly sends the node to Redis; a click keeps the lease again.
            if (keep && store.Unvouched != unvouched && attempt < 3)
            {
                output.WriteLine("liveness could not vouch: not counted");
                Assert.True((await view.ClickAsync("#increment")).IsSuccess);
                await monitor.CommandsMentioningAsync(sessionId);
                continue;
            }
            Assert.True(commands.Count == roundTrips, $"the poll sent {commands.Count} commands:\n{string.Join('\n', commands)}");
            return;
        }
    }

    // The first click on a fresh node loads its scripts into Redis (EVAL once, EVALSHA after) and starts the node
    // listening for other nodes' asks; the second is saved while listening, so its lease is kept.
    private static async Task WarmUpAsync(RazorFacesTestServer server, RazorFaces.Testing.Client.ViewClient view, bool keep)
    {
        Assert.True((await view.ClickAsync("#increment")).IsSuccess);
        var store = (RedisSessionStore)server.Services.GetRequiredService<ISessionStore>();
        await Eventually.TrueAsync(() => store.Listening == keep, "the node listens for asks when it keeps leases");
        Assert.True((await view.ClickAsync("#increment")).IsSuccess);
    }

    private Task<RazorFacesTestServer> StartAsync(bool keep) =>
        RazorFacesTestServer.StartDemoAsync(
            configure: o => o.Sessions.LeaseKeepTime = keep ? TimeSpan.FromMinutes(1) : TimeSpan.Zero,
            services: s => s.AddRazorFacesRedis(redis.Configuration, $"rf-rtt-{Guid.NewGuid():N}:"));

    // A script's text or a view record makes a line long; the command and its keys tell what it was.
    private static string Shorten(string line) => line.Length <= 160 ? line : line[..160] + "…";
}

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

        for (var click = 1; click <= Clicks; click++)
        {
            var answer = await view.ClickAsync("#increment");
            var commands = await monitor.CommandsMentioningAsync(sessionId);

            Assert.True(answer.IsSuccess, answer.ToString());
            output.WriteLine($"click {click}: {commands.Count} round trip(s)\n  {string.Join("\n  ", commands.Select(Shorten))}");
            Assert.True(commands.Count == roundTrips, $"click {click} sent {commands.Count} commands:\n{string.Join('\n', commands)}");
        }
        Assert.Equal((Clicks + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), view.Text("#count"));
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

        // A poll from an older number is answered at once from the view's update log: nothing in the session changes.
        var answer = await view.PollAsync(n: view.Number - 1);
        var commands = await monitor.CommandsMentioningAsync(sessionId);

        Assert.True(answer.IsSuccess, answer.ToString());
        output.WriteLine($"poll: {commands.Count} round trip(s)\n  {string.Join("\n  ", commands.Select(Shorten))}");
        Assert.True(commands.Count == roundTrips, $"the poll sent {commands.Count} commands:\n{string.Join('\n', commands)}");
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

using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Views;
using Xunit.Abstractions;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// How many times one event waits for Redis (docs/cluster.md, "Round trips"): the node takes the lease and reads
/// the version in one script, and saves and releases in another. Counted with MONITOR on a real redis-server.
/// </summary>
public sealed class RedisRoundTripTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>
{
    private const int Clicks = 5;

    [Fact]
    public async Task ACounterClickWaitsForAtMostTwoRedisRoundTrips()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var sessionId = browser.SessionId;
        // The first click on a fresh node loads its scripts into Redis (EVAL once, EVALSHA after).
        Assert.True((await view.ClickAsync("#increment")).IsSuccess);
        await using var monitor = await RedisMonitor.StartAsync(redis.Port);

        for (var click = 1; click <= Clicks; click++)
        {
            var answer = await view.ClickAsync("#increment");
            var commands = await monitor.CommandsMentioningAsync(sessionId);

            Assert.True(answer.IsSuccess, answer.ToString());
            output.WriteLine($"click {click}: {commands.Count} round trip(s)\n  {string.Join("\n  ", commands.Select(Shorten))}");
            Assert.True(commands.Count <= 2, $"click {click} sent {commands.Count} commands:\n{string.Join('\n', commands)}");
        }
        Assert.Equal((Clicks + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), view.Text("#count"));
    }

    [Fact]
    public async Task ARequestThatWritesNothingWaitsForAtMostTwoRedisRoundTrips()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var sessionId = browser.SessionId;
        Assert.True((await view.ClickAsync("#increment")).IsSuccess);
        await using var monitor = await RedisMonitor.StartAsync(redis.Port);

        // A poll from an older number is answered at once from the view's update log: nothing in the session changes.
        var answer = await view.PollAsync(n: view.Number - 1);
        var commands = await monitor.CommandsMentioningAsync(sessionId);

        Assert.True(answer.IsSuccess, answer.ToString());
        output.WriteLine($"poll: {commands.Count} round trip(s)\n  {string.Join("\n  ", commands.Select(Shorten))}");
        Assert.True(commands.Count <= 2, $"the poll sent {commands.Count} commands:\n{string.Join('\n', commands)}");
    }

    private Task<RazorFacesTestServer> StartAsync() =>
        RazorFacesTestServer.StartDemoAsync(services: s => s.AddRazorFacesRedis(redis.Configuration, $"rf-rtt-{Guid.NewGuid():N}:"));

    // A script's text or a view record makes a line long; the command and its keys tell what it was.
    private static string Shorten(string line) => line.Length <= 160 ? line : line[..160] + "…";
}

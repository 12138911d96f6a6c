using System.Globalization;
using RazorFaces.Cluster.Tests.Support;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support;
using Xunit.Abstractions;

namespace RazorFaces.Cluster.Tests;

/// <summary>
/// Thirty simulated users (protocol clients, each its own session with a poll running) click /counter through
/// haproxy while a random node of three is SIGKILLed every 10 s and restarted. On one redis-server; or on a Redis
/// Cluster or behind Sentinel with replica acks on (each primary with one replica), where the master holding a user's
/// session (or the primary) is also SIGKILLed at a third and at two thirds of the run and comes back empty as a
/// replica. RF_CHAOS_SECONDS sets how long (default 60).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const int Users = 30;
    private const int RedisCrashes = 2;
    private static readonly TimeSpan KillEvery = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("redis-server")]
    [InlineData("cluster")]
    [InlineData("sentinel")]
    public async Task UsersClickingWhileNodesAreKilledKeepEveryAcknowledgedClickAndNeverSeeExpiry(string redisKind)
    {
        var duration = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("RF_CHAOS_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 60);
        await using var redis = redisKind == "redis-server" ? null : RedisPrimaryCrash.Deployment(redisKind);
        if (redis is not null)
        {
            await redis.InitializeAsync();
        }
        await using var cluster = await DemoCluster.StartAsync(nodes: 3, nodeArguments: redis is null ? null : RedisPrimaryCrash.NodeArguments, redis: redis);
        var browsers = new List<BrowserSession>();
        var clients = new List<ViewClient>();
        try
        {
            for (var i = 0; i < Users; i++)
            {
                var browser = Browsers.At(cluster.Address);
                browsers.Add(browser);
                clients.Add(await browser.OpenAsync("counter"));
            }
            using var stopPolls = new CancellationTokenSource();
            var polls = clients.Select(c => Task.Run(() => c.ListenAsync(stopPolls.Token))).ToList();
            var start = DateTime.UtcNow;
            var end = start + duration;
            var redisCrashes = redis is null ? Task.FromResult<IReadOnlyList<int>?>(null) : CrashRedisAsync(redis, browsers, clients, start, duration);
            // Past the end, a user goes on until Redis has recovered and one more of its clicks was acknowledged (the
            // recovery's length depends on the machine), within a bound so a broken run still ends and reports.
            bool WentOnAfterRedis(int user) => redisCrashes.IsCompleted
                && (!redisCrashes.IsCompletedSuccessfully || redisCrashes.Result is not { } before || clients[user].Acknowledged > before[user]);
            var users = clients.Select((c, i) => Task.Run(() => ClickWhileAsync(c, () => DateTime.UtcNow < end || (!WentOnAfterRedis(i) && DateTime.UtcNow < end + TimeSpan.FromMinutes(2)), new Random(i)))).ToList();
            var (kills, exited) = await KillNodesUntilAsync(cluster, end);
            var acknowledgedAfterRedisRecovered = await redisCrashes;
            await Task.WhenAll(users);
            await stopPolls.CancelAsync();
            await Task.WhenAll(polls);
            exited.AddRange(cluster.Nodes.Where(n => !n.IsRunning).Select(n => n.Name));

            var problems = await AcknowledgedClicks.ProblemsAsync(clients, freshViewIsAProblem: true);
            var failures = clients.SelectMany(c => c.Failures).GroupBy(f => f).OrderByDescending(g => g.Count());
            output.WriteLine($"{redisKind}: {duration.TotalSeconds:0} s, {kills} node kills, {clients.Sum(c => c.Acknowledged)} acknowledged clicks; " +
                $"retried answers: {string.Join(", ", failures.Select(g => $"{g.Key} ×{g.Count()}"))}");
            Assert.True(kills >= Math.Max(1, (int)(duration / KillEvery) - 1), $"only {kills} kills happened");
            Assert.True(exited.Count == 0, $"app nodes exited by themselves: {string.Join(", ", exited)}\n{cluster.Describe()}");
            Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + cluster.Describe());
            Assert.All(clients, c => Assert.True(c.Acknowledged > 0));
            if (acknowledgedAfterRedisRecovered is not null)
            {
                Assert.All(clients, (c, i) => Assert.True(c.Acknowledged > acknowledgedAfterRedisRecovered[i], $"user {i}: no click acknowledged after Redis recovered"));
            }
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }

    private static async Task ClickWhileAsync(ViewClient client, Func<bool> goOn, Random random)
    {
        while (goOn())
        {
            await client.ClickAsync("#increment");
            // Think time: the users' pace, not a wait for anything.
            await Task.Delay(random.Next(50, 300));
        }
    }

    // The chaos schedule: at every multiple of KillEvery a random node is SIGKILLed, then started again under
    // its name and port (the restart takes a few seconds, within the period). A node found not running before its
    // turn exited by itself.
    private static async Task<(int Kills, List<string> Exited)> KillNodesUntilAsync(DemoCluster cluster, DateTime end)
    {
        var random = new Random(42);
        var kills = 0;
        var exited = new List<string>();
        for (var next = DateTime.UtcNow + KillEvery; next < end; next += KillEvery)
        {
            await DelayUntilAsync(next);
            exited.AddRange(cluster.Nodes.Where(n => !n.IsRunning).Select(n => n.Name));
            var victim = cluster.Nodes[random.Next(cluster.Nodes.Count)];
            await victim.KillAsync();
            kills++;
            await victim.StartAsync();
        }
        return (kills, exited);
    }

    // The Redis crashes, evenly spread over the run, each on the server holding another user's session. Answers every
    // user's acknowledged clicks once the deployment is whole again, so the test can see the users went on.
    private async Task<IReadOnlyList<int>?> CrashRedisAsync(
        RedisDeployment redis, List<BrowserSession> browsers, List<ViewClient> clients, DateTime start, TimeSpan duration)
    {
        for (var crash = 1; crash <= RedisCrashes; crash++)
        {
            await DelayUntilAsync(start + duration * crash / (RedisCrashes + 1));
            await RedisPrimaryCrash.KillAndRecoverAsync(redis, browsers[crash].SessionId, line => output.WriteLine($"{DateTime.UtcNow - start:mm\\:ss} {line}"));
        }
        return [.. clients.Select(c => c.Acknowledged)];
    }

    private static async Task DelayUntilAsync(DateTime moment)
    {
        if (moment > DateTime.UtcNow)
        {
            await Task.Delay(moment - DateTime.UtcNow);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RazorFaces.Cluster;
using RazorFaces.Redis;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support;
using Xunit.Abstractions;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// Users click /counter on two nodes while the Redis primary that holds their sessions is SIGKILLed (a Cluster master,
/// or the Sentinel primary) and comes back as a replica. With replica acks on, every acknowledged click survives; the
/// users see 503 meanwhile (their clients retry), never a 500 or "expired"; no node stops, and each writes again.
/// </summary>
public abstract class RedisFailoverTests(ITestOutputHelper output)
{
    private const int Users = 6;

    private protected abstract RedisDeployment Deployment { get; }

    /// <summary>The port of the primary holding <paramref name="key"/> now.</summary>
    private protected abstract Task<int> PrimaryOfAsync(string key);

    /// <summary>Waits until another primary than <paramref name="killed"/> serves <paramref name="key"/>.</summary>
    private protected abstract Task WaitForFailoverAsync(int killed, string key);

    [Fact]
    public async Task UsersClickingWhileTheirRedisPrimaryIsKilledKeepEveryAcknowledgedClickAndNoNodeStops()
    {
        var prefix = $"rf-failover-{Guid.NewGuid():N}:";
        await using var nodeA = await StartNodeAsync(prefix);
        await using var nodeB = await StartNodeAsync(prefix);
        var browsers = Enumerable.Range(0, Users).Select(i => (i % 2 == 0 ? nodeA : nodeB).NewBrowser()).ToList();
        try
        {
            var clients = new List<ViewClient>();
            foreach (var browser in browsers)
            {
                clients.Add(await browser.OpenAsync("counter"));
            }
            using var stopPolls = new CancellationTokenSource();
            var polls = clients.Select(c => Task.Run(() => c.ListenAsync(stopPolls.Token))).ToList();
            var clicking = true;
            var users = clients.Select((c, i) => Task.Run(async () =>
            {
                var random = new Random(i);
                while (Volatile.Read(ref clicking))
                {
                    await c.ClickAsync("#increment");
                    await Task.Delay(random.Next(20, 100));
                }
            })).ToList();

            // A push subscription made before the failover must still carry pushes after it.
            var pushes = 0;
            await nodeB.Services.GetRequiredService<IClusterBus>().SubscribeAsync("failover-check", _ =>
            {
                Interlocked.Increment(ref pushes);
                return Task.CompletedTask;
            });
            await Eventually.TrueAsync(() => clients.All(c => c.Acknowledged >= 3), "every user clicked a few times");
            var key = new RedisKeys(prefix).Session(browsers[0].SessionId);
            var victim = await PrimaryOfAsync(key);
            var clock = Stopwatch.StartNew();
            Deployment.Kill(victim);
            await WaitForFailoverAsync(victim, key);
            var failedOver = clock.Elapsed;
            // Back, empty, as a replica of the promoted one: replica acks can be had again.
            await RestartAsReplicaAsync(victim);
            await Deployment.WaitUntilReplicaInSyncAsync(victim);
            var before = clients.Select(c => c.Acknowledged).ToList();
            await Eventually.TrueAsync(() => clients.Select((c, i) => c.Acknowledged >= before[i] + 3).All(x => x), "every user's clicks acknowledged again");
            var recovered = clock.Elapsed;
            Volatile.Write(ref clicking, false);
            await Task.WhenAll(users);
            await stopPolls.CancelAsync();
            await Task.WhenAll(polls);

            var problems = await AcknowledgedClicks.ProblemsAsync(clients);
            var failures = clients.SelectMany(c => c.Failures).GroupBy(f => f).OrderByDescending(g => g.Count());
            output.WriteLine($"failover seen by the deployment after {failedOver.TotalSeconds:0.0} s, users clicking again after {recovered.TotalSeconds:0.0} s " +
                $"(including the killed server's restart); {clients.Sum(c => c.Acknowledged)} acknowledged clicks; retried answers: " +
                string.Join(", ", failures.Select(g => $"{g.Key} ×{g.Count()}")));
            Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + string.Join("\n",
                nodeA.Logs.Entries.Concat(nodeB.Logs.Entries).Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception}")));
            var bus = nodeA.Services.GetRequiredService<IClusterBus>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (Volatile.Read(ref pushes) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "no push from node A reached node B after the failover");
                await bus.PublishAsync("failover-check", "ping");
                await Task.Delay(200);
            }
            foreach (var node in new[] { nodeA, nodeB })
            {
                Assert.False(node.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "a node stopped");
                await Eventually.TrueAsync(() => node.Services.GetRequiredService<NodeHealth>().WriteFailure is null, "the node's heartbeat writes again");
            }
            Assert.DoesNotContain(nodeA.Logs.Entries.Concat(nodeB.Logs.Entries), e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Critical);
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }

    /// <summary>Starts the killed server again, empty, so that it becomes a replica of the promoted one.</summary>
    private protected abstract Task RestartAsReplicaAsync(int killed);

    private Task<RazorFacesTestServer> StartNodeAsync(string prefix) =>
        RazorFacesTestServer.StartDemoAsync(services: s => s.AddRazorFacesRedis(o =>
        {
            o.Configuration = Deployment.Configuration;
            o.KeyPrefix = prefix;
            o.ReplicaAcks = 1;
        }));
}

/// <summary>The failover scenario on a Redis Cluster: the master of the first user's slot is killed.</summary>
public sealed class RedisClusterFailoverTests(RedisClusterDeployment cluster, ITestOutputHelper output)
    : RedisFailoverTests(output), IClassFixture<RedisClusterDeployment>
{
    private protected override RedisDeployment Deployment => cluster;

    private protected override Task<int> PrimaryOfAsync(string key) => cluster.MasterOfSlotAsync(RedisKeys.SlotOf(key));

    private protected override async Task WaitForFailoverAsync(int killed, string key)
    {
        await cluster.WaitUntilAsync(async () => await cluster.MasterOfSlotAsync(RedisKeys.SlotOf(key)) != killed, "a replica took over the killed master's slots");
        await cluster.WaitUntilAsync(cluster.IsHealthyAsync, "the cluster state ok");
    }

    private protected override Task RestartAsReplicaAsync(int killed) => cluster.RestartAsReplicaAsync(killed);
}

/// <summary>The failover scenario behind Sentinel: the primary is killed.</summary>
public sealed class RedisSentinelFailoverTests(RedisSentinelDeployment sentinel, ITestOutputHelper output)
    : RedisFailoverTests(output), IClassFixture<RedisSentinelDeployment>
{
    private protected override RedisDeployment Deployment => sentinel;

    private protected override Task<int> PrimaryOfAsync(string key) => sentinel.PrimaryNowAsync();

    private protected override Task WaitForFailoverAsync(int killed, string key) => sentinel.WaitForFailoverAsync(killed);

    // An empty server that came back as a primary would be one until the Sentinels noticed (up to their 10 s INFO
    // period) and serve nodes that still knew its address an empty store: a Redis without persistence under Sentinel
    // must come back as a replica (docs/cluster.md).
    private protected override Task RestartAsReplicaAsync(int killed) => sentinel.RestartAsReplicaAsync(killed);
}

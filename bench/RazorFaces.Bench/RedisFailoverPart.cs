using System.Diagnostics;
using System.Globalization;
using System.Text;
using RazorFaces.Redis;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support;

namespace RazorFaces.Bench;

/// <summary>
/// Recovery from a Redis primary's death: a /counter user on an in-process node clicks without pause while the Redis
/// primary holding its session (the Sentinel primary, or its Redis Cluster master) is SIGKILLed, five times each; the
/// time runs from the kill to the answer of the first click the node serves again. Replica acks are on (one replica, as
/// Demo.App's cluster mode has them), so every click the node acknowledged must still be counted after the kills.
/// </summary>
internal sealed class RedisFailoverPart : IBenchPart
{
    private const int Kills = 5;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly List<(string Deployment, double PromotionMs, double RecoveryMs, int Retried)> _samples = [];
    private readonly Dictionary<string, (int Acknowledged, int Count)> _kept = [];

    public string Name => "redisfailover";

    public async Task RunAsync(BenchContext context)
    {
        var only = Environment.GetEnvironmentVariable("RF_BENCH_REDIS_DEPLOYMENTS")?.Split(',') ?? ["cluster", "sentinel"];
        foreach (var name in only)
        {
            context.Log.WriteLine($"redis failover, {name}: starting the deployment");
            await using RedisDeployment redis = name == "cluster" ? new RedisClusterDeployment() : new RedisSentinelDeployment();
            await redis.InitializeAsync();
            await using var server = await BenchServer.StartAsync(redis.Configuration, replicaAcks: 1);
            context.Log.WriteLine($"redis failover, {name}: the deployment and the node are up");
            using var browser = new BrowserSession(server.Address, new ClientOptions { RetryFor = TimeSpan.FromSeconds(60) });
            var view = await browser.OpenAsync("counter");
            var key = new RedisKeys("rf:").Session(browser.SessionId);
            for (var kill = 1; kill <= Kills; kill++)
            {
                for (var i = 0; i < 20; i++)
                {
                    await view.ClickAsync("#increment");
                }
                var victim = redis is RedisClusterDeployment c ? await c.MasterOfSlotAsync(RedisKeys.SlotOf(key)) : await ((RedisSentinelDeployment)redis).PrimaryNowAsync();
                var failuresBefore = view.Failures.Count;
                var clock = Stopwatch.StartNew();
                redis.Kill(victim);
                var promoted = Task.Run(async () =>
                {
                    if (redis is RedisClusterDeployment cluster)
                    {
                        await cluster.WaitUntilAsync(async () => await cluster.MasterOfSlotAsync(RedisKeys.SlotOf(key)) != victim, "a replica took over");
                    }
                    else
                    {
                        var sentinel = (RedisSentinelDeployment)redis;
                        await sentinel.WaitUntilAsync(async () => await sentinel.PrimaryNowAsync() != victim, "the Sentinels promoted the replica");
                    }
                    var at = clock.Elapsed;
                    // With replica acks on, the new primary answers saves only once it has a replica again: the
                    // killed server comes back (empty, as a replica) as soon as another primary is named.
                    if (redis is RedisSentinelDeployment s)
                    {
                        await redis.RestartAsync(victim, "--replicaof", "127.0.0.1", (await s.PrimaryNowAsync()).ToString(Invariant));
                    }
                    else
                    {
                        await redis.RestartAsync(victim);
                    }
                    return at;
                });
                // Clicks until one is answered after the kill; the first one sent right after it may be answered by
                // the dying primary's last moments, so the click must have been sent at least 50 ms after the kill.
                while (true)
                {
                    if (clock.Elapsed > TimeSpan.FromMinutes(2))
                    {
                        throw new TimeoutException($"{name}: no click was answered within 2 minutes of killing redis-server :{victim}.\n{redis.Output}");
                    }
                    var sent = clock.Elapsed;
                    var answer = await view.ClickAsync("#increment");
                    if (answer.IsSuccess && sent > TimeSpan.FromMilliseconds(50))
                    {
                        break;
                    }
                }
                var recovered = clock.Elapsed;
                var promotion = await promoted;
                _samples.Add((name, promotion.TotalMilliseconds, recovered.TotalMilliseconds, view.Failures.Count - failuresBefore));
                context.Log.WriteLine(string.Create(Invariant, $"redis failover, {name}, kill {kill}: promoted after {promotion.TotalMilliseconds:0} ms, clicks answered again after {recovered.TotalMilliseconds:0} ms"));
                await redis.WaitUntilReplicaInSyncAsync(victim);
            }
            await view.ResyncAsync();
            _kept[name] = (view.Acknowledged, int.Parse(view.Text("#count"), Invariant));
        }
    }

    public IEnumerable<TargetRow> Targets() => _samples.GroupBy(s => s.Deployment).Select(g =>
    {
        var worst = g.Max(s => s.RecoveryMs - s.PromotionMs);
        return new TargetRow($"Redis {g.Key} failover: clicks answered ≤ promotion + 2 s, 0 acknowledged clicks lost ({g.Count()} kills)",
            string.Create(Invariant, $"at most promotion + {worst:0} ms; {Lost(g.Key)} acknowledged clicks lost"), worst <= 2000 && Lost(g.Key) == 0);
    });

    private int Lost(string deployment) => _kept.TryGetValue(deployment, out var kept) ? kept.Acknowledged - kept.Count : 0;

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## Recovery from a Redis primary failure").AppendLine();
        md.AppendLine("One node (in process) on a primary + replica behind 3 Sentinels, and on a Redis Cluster of 3 masters + 3 replicas (`cluster-node-timeout 1000`, Sentinel `down-after-milliseconds 1000`); a /counter user clicks without pause; the Redis primary holding its session is SIGKILLed, and restarted empty as a replica as soon as another primary is named (with replica acks on, the new primary takes writes again only once it has a replica), so **answered** includes that restart and the replica's first sync. **Promotion** is when the deployment names another primary for the session (polled with redis-cli every 100 ms); **answered** is the answer to the first click sent after the kill (the client retries 503s with backoff). Replica acks on (`ReplicaAcks = 1`: every save waits for one replica before the click is answered).").AppendLine();
        md.AppendLine("| deployment | kill | promotion ms | answered ms | answered − promotion ms | retried answers |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var g in _samples.GroupBy(s => s.Deployment))
        {
            var i = 0;
            foreach (var s in g)
            {
                md.AppendLine(Invariant, $"| {s.Deployment} | {++i} | {s.PromotionMs:0} | {s.RecoveryMs:0} | {s.RecoveryMs - s.PromotionMs:0} | {s.Retried} |");
            }
        }
        md.AppendLine();
        foreach (var (name, (acknowledged, count)) in _kept)
        {
            md.AppendLine(Invariant, $"- {name}: {acknowledged} clicks acknowledged, final count {count} ({(count == acknowledged ? "none lost" : $"**{acknowledged - count} lost**")}).");
        }
        md.AppendLine();
    }
}

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
/// time runs from the kill to the answer of the first click the node serves again. Replica acks are on (at least one
/// replica and every one online, as Demo.App's cluster mode has them), so every click the node acknowledged must still be counted after the kills.
/// </summary>
internal sealed class RedisFailoverPart : IBenchPart
{
    private const int Kills = 5;
    private const int ReplicaAcks = 1;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly List<(string Deployment, double PromotionMs, double RecoveryMs, int Retried)> _samples = [];
    private readonly Dictionary<string, (int Replicas, int Acknowledged, int Count)> _kept = [];

    public string Name => "redisfailover";

    public async Task RunAsync(BenchContext context)
    {
        // name:replicas per primary; one replica per primary is the layout measured before, for comparison.
        var only = Environment.GetEnvironmentVariable("RF_BENCH_REDIS_DEPLOYMENTS")?.Split(',')
            ?? ["sentinel:1", "sentinel:2", "cluster:1", "cluster:2"];
        foreach (var item in only)
        {
            var parts = item.Split(':');
            var name = parts[0];
            var replicas = parts.Length > 1 ? int.Parse(parts[1], Invariant) : 2;
            var label = $"{name}, {replicas} replica{(replicas == 1 ? "" : "s")}";
            context.Log.WriteLine($"redis failover, {label}: starting the deployment");
            await using RedisDeployment redis = name == "cluster" ? new RedisClusterDeployment { ReplicasPerMaster = replicas } : new RedisSentinelDeployment { Replicas = replicas };
            await redis.InitializeAsync();
            await using var server = await BenchServer.StartAsync(redis.Configuration, replicaAcks: ReplicaAcks);
            context.Log.WriteLine($"redis failover, {label}: the deployment and the node are up");
            using var browser = new BrowserSession(server.Address, new ClientOptions { RetryFor = TimeSpan.FromSeconds(60) });
            var view = await browser.OpenAsync("counter");
            var key = new RedisKeys("rf:").Session(browser.SessionId);
            var previousVictim = 0;
            for (var kill = 1; kill <= Kills; kill++)
            {
                for (var i = 0; i < 20; i++)
                {
                    await view.ClickAsync("#increment");
                }
                var victim = await PrimaryOfAsync(redis, key);
                var failuresBefore = view.Failures.Count;
                var clock = Stopwatch.StartNew();
                redis.Kill(victim);
                var promoted = Task.Run(async () =>
                {
                    await redis.WaitUntilAsync(async () => await PrimaryOfAsync(redis, key) != victim, "another primary named");
                    var at = clock.Elapsed;
                    // A primary without a replica refuses every save while acks are on: with only as many replicas as
                    // the acks wait for, saves resume once the killed server is back as a replica and synced.
                    if (replicas <= ReplicaAcks)
                    {
                        await redis.RestartAsReplicaAsync(victim);
                    }
                    return at;
                });
                // Clicks until one is answered after the kill; the first one sent right after it may be answered by
                // the dying primary's last moments, so the click must have been sent at least 50 ms after the kill.
                while (true)
                {
                    if (clock.Elapsed > TimeSpan.FromMinutes(2))
                    {
                        throw new TimeoutException($"{label}: no click was answered within 2 minutes of killing redis-server :{victim}.\n{redis.Output}");
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
                _samples.Add((label, promotion.TotalMilliseconds, recovered.TotalMilliseconds, view.Failures.Count - failuresBefore));
                // Which server took over, and whether it had everything acknowledged so far: a loss is pinned to its kill.
                var successor = await PrimaryOfAsync(redis, key);
                await view.ResyncAsync();
                var shortBy = view.Acknowledged - int.Parse(view.Text("#count"), Invariant);
                context.Log.WriteLine(string.Create(Invariant, $"redis failover, {label}, kill {kill}: :{victim} killed, :{successor} promoted after {promotion.TotalMilliseconds:0} ms{(successor == previousVictim ? " (the server killed before, restarted empty and synced)" : "")}, clicks answered again after {recovered.TotalMilliseconds:0} ms; {shortBy} acknowledged clicks missing"));
                previousVictim = victim;
                if (replicas > ReplicaAcks)
                {
                    // Back to full strength before the next kill.
                    await redis.RestartAsReplicaAsync(victim);
                }
                await redis.WaitUntilWholeAsync();
            }
            await view.ResyncAsync();
            _kept[label] = (replicas, view.Acknowledged, int.Parse(view.Text("#count"), Invariant));
        }
    }

    private static async Task<int> PrimaryOfAsync(RedisDeployment redis, string key) => redis is RedisClusterDeployment cluster
        ? await cluster.MasterOfSlotAsync(RedisKeys.SlotOf(key))
        : await ((RedisSentinelDeployment)redis).PrimaryNowAsync();

    // The target is for the layout docs/cluster.md asks for with acks on: a replica more than the acks wait for.
    public IEnumerable<TargetRow> Targets() => _samples.GroupBy(s => s.Deployment).Where(g => _kept.TryGetValue(g.Key, out var k) && k.Replicas > ReplicaAcks).Select(g =>
    {
        var worst = g.Max(s => s.RecoveryMs - s.PromotionMs);
        return new TargetRow($"Redis {g.Key} per primary, acks from 1: clicks answered ≤ promotion + 2 s, 0 acknowledged clicks lost ({g.Count()} kills)",
            string.Create(Invariant, $"at most promotion {(worst < 0 ? "−" : "+")} {Math.Abs(worst):0} ms{(worst < 0 ? " (answered before the 100 ms poll saw the promotion)" : "")}; {Lost(g.Key)} acknowledged clicks lost"), worst <= 2000 && Lost(g.Key) == 0);
    });

    private int Lost(string deployment) => _kept.TryGetValue(deployment, out var kept) ? kept.Acknowledged - kept.Count : 0;

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## Recovery from a Redis primary failure").AppendLine();
        md.AppendLine("One node (in process) on a primary with 1 or 2 replicas behind 3 Sentinels, and on a Redis Cluster of 3 masters with 1 or 2 replicas each (`cluster-node-timeout 1000`, Sentinel `down-after-milliseconds 1000`); replica acks on (`ReplicaAcks = 1` with `WaitForEveryOnlineReplica`: every save waits for every replica its primary has online, and at least one, before the click is answered). A /counter user clicks without pause; the Redis primary holding its session is SIGKILLed and restarted empty as a replica of the new primary — with 1 replica as soon as another primary is named (the promoted primary has no replica left, so it refuses every save until that restart has synced, and **answered** includes it), with 2 replicas only after the click was answered (the other replica follows the promoted primary and acknowledges meanwhile). **Promotion** is when the deployment names another primary for the session (polled with redis-cli every 100 ms); **answered** is the answer to the first click sent after the kill (the client retries 503s with its backoff).").AppendLine();
        md.AppendLine("| deployment | kill | promotion ms | answered ms | answered − promotion ms | retried answers |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var g in _samples.GroupBy(s => s.Deployment))
        {
            var i = 0;
            foreach (var s in g)
            {
                md.AppendLine(Invariant, $"| {s.Deployment} | {++i} | {s.PromotionMs:0} | {s.RecoveryMs:0} | {s.RecoveryMs - s.PromotionMs:0;-0;0} | {s.Retried} |");
            }
        }
        md.AppendLine();
        foreach (var (name, (_, acknowledged, count)) in _kept)
        {
            md.AppendLine(Invariant, $"- {name}: {acknowledged} clicks acknowledged, final count {count} ({(count == acknowledged ? "none lost" : $"**{acknowledged - count} lost**")}).");
        }
        md.AppendLine();
    }
}

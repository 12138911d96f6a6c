using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>The milestone 3 sections: failover recovery, the Redis store's cost per event.</summary>
internal static partial class ReportWriter
{
    private static void ClusterTargets(StringBuilder md, BenchResults r)
    {
        var f = r.Failover;
        foreach (var (name, samples) in new[] { ("between clicks", f.BetweenEvents), ("while the node held the session's lease", f.LeaseHeld) })
        {
            var p99 = FailoverResult.Percentile(samples.Select(s => s.RecoveryMs), 0.99);
            md.AppendLine(Invariant, $"| failover recovery p99 ≤ {FailoverResult.RecoveryTargetMs / 1000:0} s, SIGKILL {name} ({samples.Count} kills) | {p99:0} ms | {Met(p99 <= FailoverResult.RecoveryTargetMs)} |");
        }
        var s = r.Store;
        md.AppendLine(Invariant, $"| Redis store adds ≤ {StoreResult.RoundTripsTarget:0} Redis round trips per event | {s.RoundTripsPerEvent:0.0} round trips ({s.ClientCommandsPerEvent:0.0} commands sent, {s.CommandsPerEvent.Values.Sum():0.0} counting those run by scripts) | {Met(s.RoundTripsPerEvent <= StoreResult.RoundTripsTarget)} |");
    }

    private static void Failover(StringBuilder md, BenchResults r)
    {
        var f = r.Failover;
        md.AppendLine("## Failover recovery (milestone 3)").AppendLine();
        md.AppendLine("Two Demo.App processes (A, B) in Release on one redis-server; a /counter user clicks 5 times on A, A gets SIGKILL, and the time runs from just before the kill to the answer of the user's next click by B. The user's requests go to B as soon as A refuses them, like a load balancer that redispatches a refused connection: **the balancer's health-check detection time is not included** (see below). A is restarted before the next kill.").AppendLine();
        md.AppendLine("| kill | kills | p50 ms | p99 ms | max ms | failed requests per kill (retried) | B answered with |").AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var (name, samples) in new[] { ("between clicks (lease free)", f.BetweenEvents), ("while A holds the session's lease (click in flight)", f.LeaseHeld) })
        {
            var times = samples.Select(s => s.RecoveryMs).ToList();
            var answers = string.Join(", ", samples.GroupBy(s => s.Answer).Select(g => $"{g.Key} ×{g.Count()}"));
            md.AppendLine(Invariant, $"| {name} | {samples.Count} | {FailoverResult.Percentile(times, 0.5):0} | {FailoverResult.Percentile(times, 0.99):0} | {times.Max():0} | {samples.Average(s => s.Failures):0.0} | {answers} |");
        }
        md.AppendLine().AppendLine("| for scale | n | p50 ms | max ms |").AppendLine("|---|---:|---:|---:|");
        md.AppendLine(Invariant, $"| restarted node: process start to `/healthz` 200 | {f.RestartMs.Count} | {FailoverResult.Percentile(f.RestartMs, 0.5):0} | {f.RestartMs.Max():0} |");
        if (f.FailBackMs.Count > 0)
        {
            md.AppendLine(Invariant, $"| fail-back: first click of a B user sent to the restarted A (cold process, view rebuilt from Redis) | {f.FailBackMs.Count} | {FailoverResult.Percentile(f.FailBackMs, 0.5):0} | {f.FailBackMs.Max():0} |");
        }
        md.AppendLine();
    }

    private static void Store(StringBuilder md, BenchResults r)
    {
        var s = r.Store;
        md.AppendLine("## Event round trip with the Redis store (milestone 3)").AppendLine();
        md.AppendLine("Same process, same driver, same page: one server with the in-memory store, one with `AddRazorFacesRedis` on a real redis-server, and a bare Redis round trip (HGET of a 200-byte field through StackExchange.Redis 1.2.6, one multiplexer, as the node has) at the same concurrency; rounds of the three alternate.").AppendLine();
        md.AppendLine("| scenario | clients | requests | p50 ms | p99 ms | mean ms | requests/s |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var l in s.Latencies)
        {
            md.AppendLine(Invariant, $"| {l.Scenario} | {l.Clients} | {l.Count} | {l.P50Ms:0.000} | {l.P99Ms:0.000} | {l.MeanMs:0.000} | {l.PerSecond:0} |");
        }
        md.AppendLine().AppendLine("| clients | Redis ÷ in-memory, p50 | Redis ÷ in-memory, mean | throughput (in-memory ÷ Redis) | p50 added by Redis | added ÷ bare Redis p50 |").AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var clients in BenchSettings.Concurrencies)
        {
            var (memory, redis, bare) = (s.Latency(StoreBench.Memory, clients), s.Latency(StoreBench.Redis, clients), s.Latency(StoreBench.BareRedis, clients));
            md.AppendLine(Invariant, $"| {clients} | {redis.P50Ms / memory.P50Ms:0.00}× | {redis.MeanMs / memory.MeanMs:0.00}× | {memory.PerSecond / redis.PerSecond:0.00}× | {redis.P50Ms - memory.P50Ms:0.000} ms | {(redis.P50Ms - memory.P50Ms) / bare.P50Ms:0.0}× |");
        }
        md.AppendLine().AppendLine(Invariant, $"Redis commands per event (`INFO commandstats` over {s.CountedEvents} clicks of one client, minus an idle interval as long; commands that Lua scripts run inside Redis are counted by Redis too):").AppendLine();
        md.AppendLine("| command | per event | sent by |").AppendLine("|---|---:|---|");
        foreach (var (command, perEvent) in s.CommandsPerEvent.OrderBy(c => StoreResult.IsClientCommand(c.Key) ? 0 : 1).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            md.AppendLine(Invariant, $"| `{command.ToUpperInvariant()}` | {perEvent:0.00} | {(StoreResult.IsClientCommand(command) ? "the node" : "a script, inside Redis")} |");
        }
        md.AppendLine(Invariant, $"| **round trips the node waits for** | **{s.RoundTripsPerEvent:0.00}** | EVALSHA + SET + (WATCH, GET) + (MULTI, DEL, EXEC) |");
        md.AppendLine();
    }

    private static void ClusterFindings(StringBuilder md, BenchResults r)
    {
        var f = r.Failover;
        var s = r.Store;
        var between = f.BetweenEvents.Select(x => x.RecoveryMs).ToList();
        var held = f.LeaseHeld.Select(x => x.RecoveryMs).ToList();
        var one = (s.Latency(StoreBench.Memory, 1), s.Latency(StoreBench.Redis, 1), s.Latency(StoreBench.BareRedis, 1));
        md.AppendLine("## What the milestone-3 numbers say").AppendLine();
        md.AppendLine(Invariant, $"- **Failover, lease free.** When the node dies between a user's clicks, the next click is answered by the survivor {FailoverResult.Percentile(between, 0.5):0} ms (p50) / {FailoverResult.Percentile(between, 0.99):0} ms (p99) after the SIGKILL (target p99 ≤ 1 s: {(FailoverResult.Percentile(between, 0.99) <= FailoverResult.RecoveryTargetMs ? "met" : "**not met**")}): one refused connection, then B loads the session from Redis, rebuilds the view, applies the click and saves. B always answered with a `refresh`, not a plain `update`: Demo.App's layout prints the serving node's name (`Served by A`), so the rebuilt DOM never hashes like the one A sent. A page without node-specific markup gets an `update` with `rebuilt: true` instead; for /counter the refresh is the whole page body instead of a 19-byte patch.");
        md.AppendLine(Invariant, $"- **Failover, lease held.** When the node dies while it holds the session's lease (a click in flight), the session stays locked until the lease's time to live ({f.LockTimeToLive.TotalSeconds:0} s) runs out: B waits its lock wait ({f.LockWait.TotalSeconds:0} s), answers `busy`, the user retries with backoff, and the click is answered {FailoverResult.Percentile(held, 0.5):0} ms after the kill (p50, {held.Count} kills; target ≤ 1 s: {(FailoverResult.Percentile(held, 0.99) <= FailoverResult.RecoveryTargetMs ? "met" : "**not met**")}). Nothing is lost (the retried click is applied once, the count is right), but the user waits. How often this happens is the fraction of time a node holds leases: for a human clicking every few seconds and an event that holds the lease for about {one.Item2.P50Ms:0.0} ms, rarely; for a busy node, some of its users at every kill. Shortening it needs a shorter lease time to live (it is renewed by nobody today, so it must outlast the slowest request) or a lease renewed while the request runs — a Framework decision, not changed here.");
        md.AppendLine("- **Not included: the load balancer's detection.** Here the client switches node on the first refused connection, as haproxy does with `option redispatch` and `retries`. A balancer that does not redispatch keeps sending to the dead node until its health check (`GET /healthz`) has failed `fall` times `inter` apart (e.g. `inter 1s fall 2`: about 2 s), which adds to every number above; haproxy was not run in this benchmark.");
        md.AppendLine(Invariant, $"- **Restart and fail-back.** A killed node serves again {FailoverResult.Percentile(f.RestartMs, 0.5):0} ms (p50) after its process starts. The first click it gets for a session served elsewhere meanwhile takes {(f.FailBackMs.Count > 0 ? FailoverResult.Percentile(f.FailBackMs, 0.5).ToString("0", Invariant) : "n/a")} ms (p50): the new process JITs the rebuild path on first use — a warm-up request at start would hide it.");
        md.AppendLine(Invariant, $"- **Redis store cost.** With 1 client an event takes {one.Item2.P50Ms:0.000} ms with the Redis store against {one.Item1.P50Ms:0.000} ms in memory ({one.Item2.P50Ms / one.Item1.P50Ms:0.0}×); the {one.Item2.P50Ms - one.Item1.P50Ms:0.000} ms added is {(one.Item2.P50Ms - one.Item1.P50Ms) / one.Item3.P50Ms:0.0}× a bare Redis round trip ({one.Item3.P50Ms:0.000} ms), for the {s.RoundTripsPerEvent:0} round trips the node waits for one after another (target ≤ {StoreResult.RoundTripsTarget:0}: {(s.RoundTripsPerEvent <= StoreResult.RoundTripsTarget ? "met" : "**not met**")}); the rest is the Lua scripts' work inside Redis and each call's cost on the node (a hop through the multiplexer, a task continuation). Per event: the lease (`SET NX PX`), the version check script (`EVALSHA`), the save script (`EVALSHA`), and the lease release, which StackExchange.Redis 1.2.6's `LockReleaseAsync` sends as a conditional transaction (WATCH + GET, whose answer is awaited before MULTI + DEL + EXEC is sent: two round trips). The release happens before the answer is written, so all {s.RoundTripsPerEvent:0} are on the event's critical path.");
        md.AppendLine(Invariant, $"- **An easy, safe saving (described, not made: Framework is not this benchmark's to change).** (1) Take the lease and read the version in one script: `SET lockKey token NX PX ttl`, then, if taken, the `VersionScript` body, in one `EVALSHA` — 2 round trips become 1. (2) Release the lease inside the save script: after the compare-and-set, `if redis.call('GET', lockKey) == token then redis.call('DEL', lockKey) end` — the save and the two-round-trip release become 1; a request that writes nothing releases with one `EVALSHA` of that compare-and-delete instead of the transaction. That is 2 round trips per event ({s.RoundTripsPerEvent:0} today), with the same guarantees: the version compare-and-set still fences a node that lost its lease, and only the token's owner deletes the lease. Even alone, replacing `LockReleaseAsync` by a compare-and-delete script saves one round trip.");
        md.AppendLine();
    }
}

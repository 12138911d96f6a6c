using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>The event round trip with the Redis store against the in-memory store and a bare Redis round trip, and the Redis commands one event costs.</summary>
internal sealed class StorePart : IBenchPart
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private BenchSettings _settings = BenchSettings.Full;
    private StoreResult _store = null!;

    public string Name => "store";

    // The package version (3.4.35), not the assembly's (3.0.0), which stays the same across a major version.
    private static string ClientVersion =>
        System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(StackExchange.Redis.ConnectionMultiplexer).Assembly)?
            .InformationalVersion.Split('+')[0] ?? "?";

    public async Task RunAsync(BenchContext context)
    {
        _settings = context.Settings;
        _store = await StoreBench.RunAsync(await context.ServerAsync(), context.Settings, context.Log);
    }

    public IEnumerable<TargetRow> Targets()
    {
        var s = _store;
        yield return new TargetRow($"Redis store adds ≤ {StoreResult.RoundTripsTarget:0} Redis round trips per event",
            string.Create(Invariant, $"{s.RoundTripsPerEvent:0.0} round trips ({s.ClientCommandsPerEvent:0.0} commands sent, {s.CommandsPerEvent.Values.Sum():0.0} counting those run by scripts)"),
            s.RoundTripsPerEvent <= StoreResult.RoundTripsTarget);
        var (memory, redis, bare) = (s.Latency(StoreBench.Memory, 1), s.Latency(StoreBench.Redis, 1), s.Latency(StoreBench.BareRedis, 1));
        var added = (redis.P50Ms - memory.P50Ms) / bare.P50Ms;
        yield return new TargetRow($"Redis store adds ≤ {StoreResult.AddedTarget:0}× a bare Redis round trip to an event's p50, 1 client",
            string.Create(Invariant, $"{added:0.0}× ({redis.P50Ms - memory.P50Ms:0.000} ms added; bare HGET {bare.P50Ms:0.000} ms)"),
            added <= StoreResult.AddedTarget);
    }

    public void WriteSection(StringBuilder md)
    {
        var s = _store;
        md.AppendLine("## Event round trip with the Redis store").AppendLine();
        md.AppendLine($"Same process, same driver, same page: one server with the in-memory store, one with `AddRazorFacesRedis` on a real redis-server, and a bare Redis round trip (HGET of a 200-byte field through StackExchange.Redis {ClientVersion}, one multiplexer, as the node has) at the same concurrency; rounds of the three alternate.").AppendLine();
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
        md.AppendLine(Invariant, $"| **round trips the node waits for** | **{s.RoundTripsPerEvent:0.00}** | each `EVAL`/`EVALSHA` (the node sends nothing else per event) |");
        md.AppendLine();
        var (m1, r1, b1) = (s.Latency(StoreBench.Memory, 1), s.Latency(StoreBench.Redis, 1), s.Latency(StoreBench.BareRedis, 1));
        md.AppendLine(Invariant, $"With 1 client an event takes {r1.P50Ms:0.000} ms with the Redis store against {m1.P50Ms:0.000} ms in memory ({r1.P50Ms / m1.P50Ms:0.0}×); the {r1.P50Ms - m1.P50Ms:0.000} ms added is {(r1.P50Ms - m1.P50Ms) / b1.P50Ms:0.0}× a bare Redis round trip ({b1.P50Ms:0.000} ms) for {s.RoundTripsPerEvent:0.#} round trips the node waits for one after another (target ≤ {StoreResult.RoundTripsTarget:0}: {(s.RoundTripsPerEvent <= StoreResult.RoundTripsTarget ? "met" : "**not met**")}); the rest is the Lua scripts' work inside Redis and each call's cost on the node (a hop through the multiplexer, a task continuation).").AppendLine();
        if (s.Profile.Count > 0)
        {
            md.AppendLine("Where the Redis store's share goes (1 client, rounds alternating; Redis's own time per call from `INFO commandstats` while the node clicked):").AppendLine();
            md.AppendLine("| scenario | p50 ms | mean ms | ÷ bare HGET p50 |").AppendLine("|---|---:|---:|---:|");
            var profileBare = s.Profile.Single(p => p.Scenario == StoreProfile.Bare);
            foreach (var p in s.Profile)
            {
                md.AppendLine(Invariant, $"| {p.Scenario} | {p.P50Ms:0.000} | {p.MeanMs:0.000} | {p.P50Ms / profileBare.P50Ms:0.0}× |");
            }
            md.AppendLine().AppendLine("| command | µs inside Redis per call |").AppendLine("|---|---:|");
            foreach (var (command, micro) in s.MicrosecondsPerCall.Where(c => c.Key != "info").OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                md.AppendLine(Invariant, $"| `{command.ToUpperInvariant()}` | {micro:0.0} |");
            }
            md.AppendLine();
        }
        md.AppendLine(Invariant, $"""
            How it is measured: a second in-process server like the first but with `AddRazorFacesRedis("127.0.0.1:RPORT")` on its own redis-server (`--save '' --appendonly no`); rounds of {_settings.StoreRoundDuration.TotalSeconds:0} s alternate (in-memory clicks, Redis clicks, bare HGET; {_settings.StoreRounds} each per concurrency) after a warm-up. The bare round trip is `HashGetAsync` through the benchmark's own `ConnectionMultiplexer`. Commands per event: `INFO commandstats` before and after a run of clicks of one client, minus the counts of an idle interval as long right after (the node's heartbeat and expiry sweep), divided by the clicks.

            """);
    }
}

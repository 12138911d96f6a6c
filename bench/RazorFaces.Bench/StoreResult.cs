namespace RazorFaces.Bench;

/// <summary>
/// The event round trip with the Redis store against the in-memory store and a bare Redis round trip (milestone 3),
/// and the Redis commands one event costs.
/// </summary>
/// <param name="Latencies">Scenarios <see cref="StoreBench.Memory"/>, <see cref="StoreBench.Redis"/> and <see cref="StoreBench.BareRedis"/> per concurrency.</param>
/// <param name="CommandsPerEvent">Calls per event from <c>INFO commandstats</c> (idle background subtracted), by command.</param>
/// <param name="CountedEvents">How many events the command count is over.</param>
internal sealed record StoreResult(IReadOnlyList<LatencyResult> Latencies, IReadOnlyDictionary<string, double> CommandsPerEvent, int CountedEvents)
{
    public const double RoundTripsTarget = 2;

    /// <summary>Target of issue #13: what the Redis store adds to an event's p50, in bare Redis round trips' p50.</summary>
    public const double AddedTarget = 3;

    /// <summary>The <see cref="StoreProfile"/> scenarios, one client.</summary>
    public IReadOnlyList<LatencyResult> Profile { get; init; } = [];

    /// <summary>Microseconds Redis itself spent per call while the node clicked, by command.</summary>
    public IReadOnlyDictionary<string, double> MicrosecondsPerCall { get; init; } = new Dictionary<string, double>();

    // What the node sends itself; the rest of commandstats is what its Lua scripts call inside Redis. The node
    // sends nothing but scripts (tests/RazorFaces.Tests/Session/Redis/RedisRoundTripTests.cs checks that with
    // MONITOR), so SET, GET and DEL here are the lease's, run by the scripts.
    private static readonly HashSet<string> ClientCommands = new(StringComparer.Ordinal)
    {
        "eval", "evalsha", "script|load", "select", "watch", "unwatch", "multi", "exec", "discard", "ping",
    };

    public LatencyResult Latency(string scenario, int clients) =>
        Latencies.Single(l => l.Scenario == scenario && l.Clients == clients);

    /// <summary>Commands the node sent per event (not counting those its scripts ran inside Redis).</summary>
    public double ClientCommandsPerEvent => CommandsPerEvent.Where(c => IsClientCommand(c.Key)).Sum(c => c.Value);

    /// <summary>
    /// Round trips the node waits for, one after another, per event: each script call, and each half of a
    /// transaction with a condition (WATCH, then EXEC or UNWATCH) should one ever be sent.
    /// </summary>
    public double RoundTripsPerEvent =>
        new[] { "eval", "evalsha", "watch", "exec", "unwatch" }.Sum(c => CommandsPerEvent.GetValueOrDefault(c));

    public static bool IsClientCommand(string command) => ClientCommands.Contains(command);
}

namespace RazorFaces.Bench;

/// <summary>Everything one run measured.</summary>
internal sealed record BenchResults(
    DateTimeOffset Started,
    TimeSpan Elapsed,
    BenchSettings Settings,
    MachineInfo Machine,
    string LoadAtEnd,
    IReadOnlyList<LatencyResult> Latencies,
    PayloadResult Payload,
    IReadOnlyList<MemoryResult> Memory,
    IReadOnlyList<SessionSizeResult> SessionSizes,
    PassivationResult Passivation,
    StoreResult Store,
    FailoverResult Failover,
    IReadOnlyList<LatencyResult> Transports,
    PushResult Push)
{
    public const double RoundTripTarget = 2.0;
    public const int PatchBytesTarget = 100;
    public const long ViewBytesTarget = 25 * 1024;
    public const long PassivatedViewBytesTarget = 4 * 1024;

    public LatencyResult Latency(string scenario, int clients) =>
        Latencies.Single(l => l.Scenario == scenario && l.Clients == clients);
}

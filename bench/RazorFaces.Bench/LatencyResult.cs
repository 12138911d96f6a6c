using System.Diagnostics;

namespace RazorFaces.Bench;

/// <summary>Round-trip latencies of one scenario at one concurrency.</summary>
internal sealed record LatencyResult(string Scenario, int Clients, int Count, double P50Ms, double P99Ms, double MeanMs, double PerSecond)
{
    /// <summary>Bytes allocated per request by the whole process: client and server side together.</summary>
    public long AllocatedPerRequest { get; init; }

    public static LatencyResult From(string scenario, int clients, IReadOnlyList<long> ticks, double seconds)
    {
        var sorted = ticks.Order().ToArray();
        return new LatencyResult(
            scenario, clients, sorted.Length,
            Milliseconds(Percentile(sorted, 0.50)),
            Milliseconds(Percentile(sorted, 0.99)),
            Milliseconds((long)sorted.Average()),
            sorted.Length / seconds);
    }

    // Nearest rank: the smallest sample with at least p of all samples at or below it.
    private static long Percentile(long[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

using System.Diagnostics;

namespace RazorFaces.Bench;

/// <summary>One measured point of the load part: a series (transport and store, or a baseline) at some users.</summary>
/// <param name="Rate">Events per second per user offered, or null for a closed loop (saturation).</param>
/// <param name="Pushed">Updates that came over the push path (poll answers, hub pushes), each checked.</param>
/// <param name="Refreshed">Refreshes that came over the push path instead (stale polls), each checked.</param>
internal sealed record LoadPoint(
    string Series, int Users, double? Rate, double Seconds, long Sent, long Answered, long Late, long Errors, long Pushed, long Refreshed,
    double P50Ms, double P99Ms, IReadOnlyList<string> ErrorSamples)
{
    public double PerSecond => Answered / Seconds;

    public static LoadPoint From(string series, int users, double? rate, double seconds, LoadCounters counters)
    {
        var ticks = counters.Ticks();
        Array.Sort(ticks);
        return new LoadPoint(
            series, users, rate, seconds, counters.Sent, ticks.Length, counters.Late, counters.Errors, counters.Pushed, counters.Refreshed,
            Percentile(ticks, 0.50), Percentile(ticks, 0.99), counters.ErrorSamples());
    }

    // Nearest rank, as LatencyResult: the smallest sample with at least p of all samples at or below it.
    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0
            ? double.NaN
            : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
}

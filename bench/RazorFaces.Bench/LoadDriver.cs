using System.Diagnostics;

namespace RazorFaces.Bench;

/// <summary>
/// Closed-loop load: every client sends its next request as soon as it has the answer to the previous one,
/// until the time is up. Latency is measured per request with <see cref="Stopwatch"/> timestamps.
/// </summary>
internal static class LoadDriver
{
    /// <summary>
    /// Runs the clients for <paramref name="duration"/>; returns every request's latency in ticks, the seconds
    /// it took and the bytes the whole process (clients and server) allocated meanwhile.
    /// </summary>
    public static async Task<(List<long> Ticks, double Seconds, long Allocated)> RunAsync<TClient>(
        IReadOnlyList<TClient> clients, Func<TClient, Task> roundTrip, TimeSpan duration)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perClient = await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            var ticks = new List<long>(8192);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var start = Stopwatch.GetTimestamp();
                await roundTrip(client);
                ticks.Add(Stopwatch.GetTimestamp() - start);
            }
            return ticks;
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return ([.. perClient.SelectMany(t => t)], seconds, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }
}

using System.Diagnostics;
using RazorFaces.Session;
using RazorFaces.Views;

namespace RazorFaces.Bench;

/// <summary>
/// One series of the memory-vs-views part on a server of its own, so that what earlier parts left behind (views,
/// sessions, pooled buffers) is not in the baseline: opens N /counter views (each in its own session, clicked
/// <see cref="Clicks"/> times) over a few connections in parallel, measures the managed heap against a baseline taken
/// just before, checks a sample answers one more click, drops every live view and the session objects they used (<see cref="ViewRegistry.RemoveAllAsync"/>
/// and <see cref="SessionManager.ReleaseUnusedAsync"/>, what idle passivation does), measures again and checks the sample is rebuilt and answers the next click.
/// </summary>
internal static class ViewMemoryRun
{
    public const int Clicks = 3;

    // A few connections keep both cores busy while Kestrel's per-connection buffers stay a constant, not a per-view cost.
    private const int Connections = 4;
    private const int Sample = 20;

    public static async Task<ViewMemoryResult> MeasureAsync(int count, TextWriter log)
    {
        await using var server = await BenchServer.StartAsync();
        var views = server.Services.GetRequiredService<ViewRegistry>();
        var sessions = server.Services.GetRequiredService<SessionManager>();
        var clients = Enumerable.Range(0, Connections).Select(_ => HttpClients.Create()).ToList();
        try
        {
            // First-use costs (JIT, caches, pools, each connection's buffers) go into the baseline, not into the views.
            await Task.WhenAll(clients.Select(http => OpenAsync(server, http)));
            await views.RemoveAllAsync();
            await sessions.ReleaseUnusedAsync();
            var baseline = MemoryProbe.CollectFully();

            var clock = Stopwatch.StartNew();
            var step = Math.Max(1, count / Sample);
            var sample = new SimulatedBrowser?[count];
            var next = -1;
            await Task.WhenAll(clients.Select(http => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    var browser = await OpenAsync(server, http);
                    // Only the sampled browsers are kept: the client's own objects must not be measured.
                    if (i % step == 0)
                    {
                        sample[i] = browser;
                    }
                }
            })));
            var openSeconds = clock.Elapsed.TotalSeconds;
            var kept = sample.OfType<SimulatedBrowser>().Take(Sample).ToList();

            var live = MemoryProbe.CollectFully();
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            var workingSet = Environment.WorkingSet;
            if (views.Count != count)
            {
                throw new InvalidOperationException($"Expected {count} live views, found {views.Count}.");
            }
            // Alive: each sampled view answers a click with the next count (ClickIncrementAsync checks n + 1 and the text).
            var liveAnswered = await AnsweredAsync(kept);

            await views.RemoveAllAsync();
            // What idle passivation does next: the session objects no live view uses are let go (the store keeps them).
            await sessions.ReleaseUnusedAsync();
            var passivated = MemoryProbe.CollectFully();
            if (views.Count != 0)
            {
                throw new InvalidOperationException($"{views.Count} views are still live after RemoveAllAsync.");
            }
            // Passivated, not lost: the next click rebuilds each sampled view from its record and it carries on counting.
            var rebuiltAnswered = await AnsweredAsync(kept);
            if (views.Count != kept.Count)
            {
                throw new InvalidOperationException($"Expected {kept.Count} rebuilt views, found {views.Count}.");
            }

            var result = new ViewMemoryResult(
                count, (live - baseline) / count, (passivated - baseline) / count, liveAnswered, rebuiltAnswered, kept.Count,
                baseline, info.HeapSizeBytes, workingSet, openSeconds);
            log.WriteLine($"views: {count} /counter views in {openSeconds:0.0} s, {result.LiveBytesPerView / 1024.0:0.0} KB per live view, " +
                $"{result.PassivatedBytesPerView / 1024.0:0.0} KB per passivated view, {liveAnswered}+{rebuiltAnswered} of {kept.Count}+{kept.Count} sampled answered");
            return result;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static async Task<int> AnsweredAsync(List<SimulatedBrowser> browsers)
    {
        var answered = 0;
        foreach (var browser in browsers)
        {
            var before = browser.Count;
            await browser.ClickIncrementAsync();
            answered += browser.Count == before + 1 ? 1 : 0;
        }
        return answered;
    }

    private static async Task<SimulatedBrowser> OpenAsync(BenchServer server, HttpClient http)
    {
        var browser = new SimulatedBrowser(http, server.Address);
        await browser.OpenAsync("/counter");
        for (var i = 0; i < Clicks; i++)
        {
            await browser.ClickIncrementAsync();
        }
        return browser;
    }
}

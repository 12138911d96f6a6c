using System.Diagnostics;
using Microsoft.Playwright;

namespace RazorFaces.Bench;

/// <summary>GC heap per live page at N pages, against the same process with one page open.</summary>
internal sealed record PeerMemoryResult(string App, int Pages, long BaselineBytes, long HeapBytes, double ResidentMb)
{
    public double KbPerPage => (HeapBytes - BaselineBytes) / 1024.0 / Pages;
}

/// <summary>Click → DOM updated in the page, one click at a time.</summary>
internal sealed record PeerRoundTripResult(string App, int Clicks, double P50, double P99, double Mean);

/// <summary>Many pages clicking as fast as their answers come, and the server's CPU meanwhile.</summary>
internal sealed record PeerSaturationResult(string App, int Pages, double Seconds, int Events, double ServerCpuSeconds)
{
    public double EventsPerSecond => Events / Seconds;

    /// <summary>Share of one core the server used.</summary>
    public double ServerCores => ServerCpuSeconds / Seconds;

    public double ServerCpuMsPerEvent => ServerCpuSeconds * 1000 / Math.Max(1, Events);
}

/// <summary>The peer part's measurements that need many pages: memory per page, round trip, saturation.</summary>
internal static class PeerMeasure
{
    /// <summary>
    /// One page stays open as the baseline (so the first page's one-time costs are not counted); then pages are
    /// opened up to each count, each in its own browser context, and the server's heap after two induced full GCs
    /// is taken. Every page has clicked once.
    /// </summary>
    public static async Task<List<PeerMemoryResult>> MemoryAsync(PeerBrowser browser, PeerApp app, IReadOnlyList<int> counts, TextWriter log)
    {
        var results = new List<PeerMemoryResult>();
        var first = await browser.OpenCounterAsync(app);
        await Task.Delay(1000);
        var baseline = await HeapProbe.HeapAfterFullGcAsync(app.Node.Id);
        var pages = new List<IPage>();
        var clock = Stopwatch.StartNew();
        foreach (var count in counts)
        {
            using var gate = new SemaphoreSlim(4);
            var opening = Enumerable.Range(0, count - pages.Count).Select(async _ =>
            {
                await gate.WaitAsync();
                try
                {
                    var page = await OpenWithRetryAsync(browser, app);
                    lock (pages)
                    {
                        pages.Add(page);
                    }
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(opening);
            await Task.Delay(2000);
            var heap = await HeapProbe.HeapAfterFullGcAsync(app.Node.Id);
            var result = new PeerMemoryResult(app.Name, count, baseline, heap, app.Node.ResidentMegabytes());
            results.Add(result);
            log.WriteLine($"peer: {app.Name}, {count} live pages (opened in {clock.Elapsed.TotalSeconds:0} s): {result.KbPerPage:0.0} KB per page (heap {heap / 1024 / 1024} MB, baseline {baseline / 1024 / 1024} MB)");
        }
        await Task.WhenAll(pages.Append(first).Select(PeerBrowser.CloseAsync));
        return results;
    }

    // On a loaded machine (Chromium's processes included) one page in a few hundred can miss the open's time limit;
    // it is closed and opened again, once.
    private static async Task<IPage> OpenWithRetryAsync(PeerBrowser browser, PeerApp app)
    {
        try
        {
            return await browser.OpenCounterAsync(app);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            return await browser.OpenCounterAsync(app);
        }
    }

    public static async Task<PeerRoundTripResult> RoundTripAsync(PeerBrowser browser, PeerApp app, int clicks)
    {
        var page = await browser.OpenCounterAsync(app);
        await PeerBrowser.ClickLoopAsync(page, Math.Max(20, clicks / 10), TimeSpan.FromSeconds(60));
        var times = await PeerBrowser.ClickLoopAsync(page, clicks, TimeSpan.FromMinutes(2));
        await PeerBrowser.CloseAsync(page);
        Array.Sort(times);
        return new PeerRoundTripResult(app.Name, times.Length, Percentile(times, 0.50), Percentile(times, 0.99), times.Average());
    }

    public static async Task<PeerSaturationResult> SaturationAsync(PeerBrowser browser, PeerApp app, int pageCount, TimeSpan duration)
    {
        var pages = new List<IPage>();
        for (var i = 0; i < pageCount; i++)
        {
            pages.Add(await browser.OpenCounterAsync(app));
        }
        var cpu = app.Node.CpuTime;
        var clock = Stopwatch.StartNew();
        var clicked = await Task.WhenAll(pages.Select(p => PeerBrowser.ClickLoopAsync(p, int.MaxValue, duration)));
        var seconds = clock.Elapsed.TotalSeconds;
        var serverCpu = (app.Node.CpuTime - cpu).TotalSeconds;
        await Task.WhenAll(pages.Select(PeerBrowser.CloseAsync));
        return new PeerSaturationResult(app.Name, pageCount, seconds, clicked.Sum(t => t.Length), serverCpu);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

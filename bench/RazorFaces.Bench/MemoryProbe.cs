using System.Runtime;
using RazorFaces.Views;

namespace RazorFaces.Bench;

/// <summary>Managed memory per live view (with its session), as the heap grows when views are created through the page endpoint.</summary>
internal sealed record MemoryResult(string Scenario, int Views, long ManagedBytesPerView, long HeapBytesPerView, IReadOnlyList<MemoryPart> Parts, int ComponentsPerView);

/// <summary>
/// Creates views through the real page endpoint and measures how much the managed heap grows, after full
/// compacting collections. The views are created one after another over ONE connection, so Kestrel's
/// connection buffers and the client's own objects do not grow with the number of views.
/// </summary>
internal static class MemoryProbe
{
    public const int TodosAdded = 3;
    public const int CounterClicks = 20;

    public static async Task<List<MemoryResult>> RunAsync(BenchServer server, BenchSettings settings, TextWriter log)
    {
        using var http = HttpClients.Create();
        var results = new List<MemoryResult>
        {
            await MeasureAsync(server, http, "/counter", settings.Views, log, _ => Task.CompletedTask),
            await MeasureAsync(server, http, "/counter", settings.Views, log, ClickAsync, $"/counter after {CounterClicks} clicks"),
            await MeasureAsync(server, http, "/todos", settings.Views, log, _ => Task.CompletedTask),
            await MeasureAsync(server, http, "/todos", settings.Views, log, AddTodosAsync, $"/todos with {TodosAdded} items"),
        };
        return results;
    }

    public static long CollectFully()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public static long HeapSize() => GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;

    private static async Task ClickAsync(SimulatedBrowser browser)
    {
        for (var i = 0; i < CounterClicks; i++)
        {
            await browser.ClickIncrementAsync();
        }
    }

    private static async Task AddTodosAsync(SimulatedBrowser browser)
    {
        for (var i = 1; i <= TodosAdded; i++)
        {
            (await browser.SendEventAsync(browser.Page.Target("todo-text"), "input", $$"""{"value":"Buy item number {{i}}"}""")).Dispose();
            (await browser.SendEventAsync(browser.Page.Target("add-todo"), "click", """{"detail":1,"button":0}""")).Dispose();
        }
    }

    private static async Task<MemoryResult> MeasureAsync(
        BenchServer server, HttpClient http, string path, int count, TextWriter log, Func<SimulatedBrowser, Task> use, string? scenario = null)
    {
        scenario ??= path;
        var views = server.Services.GetRequiredService<ViewRegistry>();
        // Views of earlier scenarios (and of the latency run) would otherwise be counted in the baseline.
        await views.RemoveAllAsync();
        // One view first, so that first-use costs (JIT, caches, pools) land in the baseline, not in the views.
        await use(await OpenAsync(http, server, path));
        await views.RemoveAllAsync();

        var managedBefore = CollectFully();
        var heapBefore = HeapSize();
        var viewsBefore = views.Count;
        for (var i = 0; i < count; i++)
        {
            await use(await OpenAsync(http, server, path));
        }
        var managedAfter = CollectFully();
        var heapAfter = HeapSize();
        if (views.Count - viewsBefore != count)
        {
            throw new InvalidOperationException($"Expected {count} new live views, found {views.Count - viewsBefore}.");
        }
        var (parts, components) = await MemoryBreakdown.RunAsync(server, count, managedBefore, managedAfter);
        var result = new MemoryResult(scenario, count, (managedAfter - managedBefore) / count, (heapAfter - heapBefore) / count, parts, components);
        log.WriteLine($"{scenario}: {result.ManagedBytesPerView / 1024.0:0.0} KB per view over {count} views");
        return result;
    }

    private static async Task<SimulatedBrowser> OpenAsync(HttpClient http, BenchServer server, string path)
    {
        var browser = new SimulatedBrowser(http, server.Address);
        await browser.OpenAsync(path);
        return browser;
    }
}

using Microsoft.AspNetCore.Components;
using RazorFaces.Dom;
using RazorFaces.Rendering;
using RazorFaces.Views;

namespace RazorFaces.Bench;

/// <summary>
/// Splits the memory of N live views into parts by taking parts away (or building them alone) and
/// measuring the heap again each time. Parts that cannot be taken out alone (components, render frames,
/// handler maps) are the remainder.
/// </summary>
internal static class MemoryBreakdown
{
    public const string Session = "session, registry entries, pooled buffers";
    public const string Log = "update log (recent updates kept for resends)";
    public const string OldDom = "old DOM (nodes, arrays, non-interned strings)";
    public const string Infrastructure = "DI scope + empty renderer + dispatcher";
    public const string Components = "components, render frames, targets, paths (remainder)";
    public const string Frames = "… of which Blazor's current render frame arrays";

    /// <summary>Measures with the views still live and <paramref name="managedWithViews"/> taken; removes the views.</summary>
    public static async Task<(List<MemoryPart> Parts, int ComponentsPerView)> RunAsync(BenchServer server, int count, long managedBefore, long managedWithViews)
    {
        var registry = server.Services.GetRequiredService<ViewRegistry>();
        var views = FrameworkInternals.LiveViews(registry);

        var frames = 0L;
        var components = 0;
        foreach (var live in views)
        {
            var (bytes, componentCount) = await FrameworkInternals.CurrentFrameArraysAsync(live);
            frames += bytes;
            components += componentCount;
        }

        var copies = views.Select(v => FrameworkInternals.DeepCopy(v.Snapshot().Dom)).ToList();
        var withCopies = MemoryProbe.CollectFully();
        var dom = (withCopies - managedWithViews) / count;
        copies.Clear();
        var withoutCopies = MemoryProbe.CollectFully();

        views.ForEach(FrameworkInternals.ClearUpdateLog);
        var withoutLogs = MemoryProbe.CollectFully();
        var log = (withoutCopies - withoutLogs) / count;

        views.Clear();
        await registry.RemoveAllAsync();
        var withoutViews = MemoryProbe.CollectFully();
        var view = (withoutLogs - withoutViews) / count;
        var session = (withoutViews - managedBefore) / count;

        var infrastructure = await MeasureEmptyRenderersAsync(server, count, withoutViews);
        return ([
            new(Session, session, "what stays when the views are removed: one session per view here, plus frame buffers the views gave back to the shared `ArrayPool` (bounded, so less per view as N grows)"),
            new(Log, log, "heap drop when every view's update log is cleared"),
            new(OldDom, dom, "heap growth when every view's DOM is deep-copied once"),
            new(Infrastructure, infrastructure, "N scopes with a `ViewRenderer` and no component, held"),
            new(Components, view - dom - infrastructure, "heap drop when the views are removed, minus the two above"),
            new(Frames, frames / count, "sum of the current frame arrays' lengths × `sizeof(RenderTreeFrame)`; without compaction a component that rendered twice has a second (previous) buffer too, not counted here"),
        ], components / count);
    }

    private static async Task<long> MeasureEmptyRenderersAsync(BenchServer server, int count, long baseline)
    {
        var loggers = server.Services.GetRequiredService<ILoggerFactory>();
        var held = new List<(AsyncServiceScope Scope, ViewRenderer Renderer)>(count);
        for (var i = 0; i < count; i++)
        {
            var scope = server.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<NavigationManager>();
            held.Add((scope, new ViewRenderer(scope.ServiceProvider, loggers)));
        }
        var bytes = (MemoryProbe.CollectFully() - baseline - (held.Capacity * 24L)) / count;
        foreach (var (scope, renderer) in held)
        {
            await renderer.Dispatcher.InvokeAsync(renderer.DisposeViewAsync);
            await scope.DisposeAsync();
        }
        return bytes;
    }
}

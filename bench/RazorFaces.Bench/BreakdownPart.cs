using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>
/// Where a live view's memory goes (each part measured by taking it away or building it alone) for four demo
/// scenarios, and the stored size of one session object per demo page.
/// </summary>
internal sealed class BreakdownPart : IBenchPart
{
    // Issue #15: a /counter view ≤ 16 KB, a /todos view (its list component holds the most frames) ≤ 24 KB.
    public static long ViewBytesTarget(string scenario) => (scenario.StartsWith("/todos", StringComparison.Ordinal) ? 24 : 16) * 1024;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private BenchSettings _settings = BenchSettings.Full;
    private List<MemoryResult> _memory = [];
    private List<SessionSizeResult> _sessions = [];

    public string Name => "memory";

    public async Task RunAsync(BenchContext context)
    {
        _settings = context.Settings;
        var server = await context.ServerAsync();
        _memory = await MemoryProbe.RunAsync(server, context.Settings, context.Log);
        _sessions = await SessionSizeProbe.RunAsync(server, context.Log);
    }

    public IEnumerable<TargetRow> Targets() => _memory.Select(m => new TargetRow(
        $"memory per live view ≤ {ViewBytesTarget(m.Scenario) / 1024} KB, {m.Scenario}", $"{Kb(m.ManagedBytesPerView)} KB", m.ManagedBytesPerView <= ViewBytesTarget(m.Scenario)));

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## Memory of a live view, part by part").AppendLine();
        md.AppendLine("| page | views | managed KB per view (`GC.GetTotalMemory`) | GC heap KB per view (`HeapSizeBytes`) |").AppendLine("|---|---:|---:|---:|");
        foreach (var m in _memory)
        {
            md.AppendLine(Invariant, $"| {m.Scenario} | {m.Views} | {Kb(m.ManagedBytesPerView)} | {Kb(m.HeapBytesPerView)} |");
        }
        md.AppendLine().AppendLine("| part | " + string.Join(" | ", _memory.Select(m => m.Scenario)) + " |");
        md.AppendLine("|---|" + string.Concat(_memory.Select(_ => "---:|")));
        foreach (var part in _memory[0].Parts.Select(p => p.Part))
        {
            md.AppendLine(Invariant, $"| {part} | {string.Join(" | ", _memory.Select(m => Kb(Part(m, part)) + " KB"))} |");
        }
        md.AppendLine().AppendLine("| part | measured as |").AppendLine("|---|---|");
        foreach (var part in _memory[0].Parts)
        {
            md.AppendLine(Invariant, $"| {part.Part} | {part.HowMeasured} |");
        }
        md.AppendLine();
        var fresh = _memory[0];
        var largest = _memory.MaxBy(m => m.ManagedBytesPerView)!;
        md.AppendLine(Invariant, $"RazorFaces' own parts of a fresh /counter view ({Kb(fresh.ManagedBytesPerView)} KB) are small: the old DOM {Kb(Part(fresh, MemoryBreakdown.OldDom))} KB, the session {Kb(Part(fresh, MemoryBreakdown.Session))} KB, the DI scope with an empty renderer {Kb(Part(fresh, MemoryBreakdown.Infrastructure))} KB. Most of a view is its component tree: the {fresh.ComponentsPerView} components of a demo page (router, authorizing route view with its cascading authentication state, layout, error boundary, the page, the head's section outlets …) hold {Kb(Part(fresh, MemoryBreakdown.Frames))} KB in current render frame arrays. Blazor rents those arrays from `ArrayPool` with at least 32 frames of {FrameworkInternals.FrameBytes} bytes, rounded up to a power of two, and keeps a second (previous) buffer for each component that rendered again; {(RazorFaces.Rendering.RenderBufferCompactor.Enabled ? "here `RenderBufferCompactor` gives the previous buffer back and keeps the current frames in an array of their exact size after every render batch, so the arrays are what the frames need" : "this run left them so (`--no-compaction`)")}. The largest view, \"{largest.Scenario}\", costs {Kb(largest.ManagedBytesPerView)} KB. What stays per component is Blazor's own state (a `ComponentState`, two `RenderTreeBuilder`s with their array builders and stacks, about 0.4 KB) and ours (path, cached DOM, targets).").AppendLine();

        md.AppendLine("### Stored session object per demo page").AppendLine();
        md.AppendLine("One session per page, driven through `/_rf/send`, then its fields read from the `InMemorySessionStore` (field values in the default format, MessagePack; a cluster store replicates exactly these; the JSON option is compared in \"Stored format: MessagePack vs JSON\").").AppendLine();
        md.AppendLine("| page | `meta` bytes | beans bytes | one view record bytes | whole session bytes |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var s in _sessions)
        {
            md.AppendLine(Invariant, $"| {s.Scenario} | {s.MetaBytes} | {s.BeanBytes} | {s.ViewBytes} | {s.SessionBytes} |");
        }
        md.AppendLine().AppendLine("The view record of \"" + _sessions[0].Scenario + "\", as JSON (what `GET /_rf/session` shows in Development):").AppendLine();
        md.AppendLine("```json").AppendLine(_sessions[0].ViewJson).AppendLine("```").AppendLine();
        md.AppendLine(Invariant, $"""
            How it is measured: {_settings.Views} views per scenario are created one after another through the real page endpoint, each with a new session; for "/counter after {MemoryProbe.CounterClicks} clicks" each view also gets {MemoryProbe.CounterClicks} clicks, for "/todos with {MemoryProbe.TodosAdded} items" {MemoryProbe.TodosAdded} × (`input` on the text box, `click` on Add), through `/_rf/send`. Before and after: full blocking compacting collections (also of the LOH), then `GC.GetTotalMemory(true)` and `GCMemoryInfo.HeapSizeBytes`; the difference divided by the views is one live view **including its session** (one per view here). The baseline is the same process just before, with one view of the page created and dropped first, so JIT and shared caches are not counted.

            """);
    }

    private static long Part(MemoryResult m, string part) => m.Parts.Single(p => p.Part == part).BytesPerView;

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("0.0", Invariant);
}

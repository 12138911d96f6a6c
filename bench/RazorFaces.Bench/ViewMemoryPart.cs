using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>
/// Server memory per live and per passivated /counter view as the number of views grows to 10,000 on one node, with
/// proof that the views are really alive (a sample answers a click; after passivation it is rebuilt and answers).
/// </summary>
internal sealed class ViewMemoryPart : IBenchPart
{
    public const string PlotFile = "memory-vs-views.svg";
    private const double LiveTargetKb = 16;
    private const double PassivatedTargetKb = 2;
    private const int TargetViews = 10_000;

    // Documented or measured by their projects, for scale only (not measured here). Blazor Server runs here and is
    // measured by the peer part instead.
    internal static readonly (string Name, double Kb)[] Peers =
    [
        ("Phoenix LiveView (~40 KB)", 40),
        ("Vaadin hello world (9 KB)", 9),
    ];

    private readonly List<ViewMemoryResult> _results = [];
    private string? _plot;

    public string Name => "views";

    public static int[] Counts(BenchSettings settings) => settings.Quick ? [100, 1_000] : [100, 1_000, 3_000, TargetViews];

    public async Task RunAsync(BenchContext context)
    {
        foreach (var count in Counts(context.Settings))
        {
            _results.Add(await ViewMemoryRun.MeasureAsync(count, context.Log));
        }
        _plot = ViewMemoryPlot.Write(_results, context.PlotDirectory, PlotFile);
    }

    public IEnumerable<TargetRow> Targets()
    {
        if (_results.Count == 0)
        {
            yield break;
        }
        var largest = _results[^1];
        var views = largest.Views.ToString("N0", CultureInfo.InvariantCulture);
        yield return new TargetRow(
            $"{TargetViews:N0} concurrent views on one node",
            $"{views} /counter views live ({largest.LiveAnswered} of {largest.Sampled} sampled answered a click; {largest.RebuiltAnswered} of {largest.Sampled} answered after passivation); whole GC heap {Mb(largest.HeapBytes)}, working set {Mb(largest.WorkingSetBytes)}",
            largest.Views >= TargetViews && largest.AllAlive);
        yield return new TargetRow(
            $"memory per live view ≤ {LiveTargetKb} KB, {views} /counter views",
            $"{Kb(largest.LiveBytesPerView)} KB", largest.LiveBytesPerView / 1024.0 <= LiveTargetKb);
        yield return new TargetRow(
            $"memory per passivated view ≤ {PassivatedTargetKb} KB, {views} /counter views",
            $"{Kb(largest.PassivatedBytesPerView)} KB", largest.PassivatedBytesPerView / 1024.0 <= PassivatedTargetKb);
    }

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## Memory vs number of views");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"/counter views after {ViewMemoryRun.Clicks} clicks, each in its own session, opened over 4 connections in parallel on a fresh in-process server per count (so earlier parts leave nothing in the baseline). " +
            $"Managed heap (`GC.GetTotalMemory` after compacting collections) against a baseline taken just before the views were opened; then every live view dropped with `ViewRegistry.RemoveAllAsync` and the session objects no live view uses let go with `SessionManager.ReleaseUnusedAsync` (what idle passivation does: the records stay in the store) and measured again.");
        md.AppendLine();
        md.AppendLine("| views | opened in s | KB per live view | KB per passivated view | sampled live views that answered a click | sampled passivated views rebuilt and answering | baseline heap | GC heap, all live | working set, all live |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in _results)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Views:N0} | {r.OpenSeconds:0.0} | {Kb(r.LiveBytesPerView)} | {Kb(r.PassivatedBytesPerView)} | {r.LiveAnswered} of {r.Sampled} | {r.RebuiltAnswered} of {r.Sampled} | {Mb(r.BaselineBytes)} | {Mb(r.HeapBytes)} | {Mb(r.WorkingSetBytes)} |");
        }
        md.AppendLine();
        md.AppendLine("| for scale (documented, not measured here; Blazor Server is measured in \"Blazor Server, measured beside RazorFaces\") | KB per view |");
        md.AppendLine("|---|---:|");
        foreach (var (name, kb) in Peers)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {kb:0} |");
        }
        md.AppendLine();
        if (_plot is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"![KB per view vs number of views]({_plot})");
            md.AppendLine();
        }
        WriteFindings(md);
        md.AppendLine();
    }

    private void WriteFindings(StringBuilder md)
    {
        if (_results.Count == 0)
        {
            return;
        }
        var (smallest, largest) = (_results[0], _results[^1]);
        md.AppendLine("What the numbers say:");
        md.AppendLine();
        var liveRatio = (double)largest.LiveBytesPerView / Math.Max(1, smallest.LiveBytesPerView);
        md.AppendLine(CultureInfo.InvariantCulture,
            $"- Per live view: {Kb(smallest.LiveBytesPerView)} KB at {smallest.Views:N0} views, {Kb(largest.LiveBytesPerView)} KB at {largest.Views:N0} " +
            $"({liveRatio:0.00}×): {(Math.Abs(liveRatio - 1) <= 0.1 ? "flat, so memory grows linearly with views and nothing shared is hiding in the per-view figure" : "not flat; shared or pooled memory is spread over the views")}.");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"- Per passivated view: {Kb(largest.PassivatedBytesPerView)} KB at {largest.Views:N0}, {largest.LiveBytesPerView / (double)Math.Max(1, largest.PassivatedBytesPerView):0}× less than live: a passivated view costs its session object's bytes in the store (in-memory here; with Redis, nothing on the node).");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"- {largest.Views:N0} live views take {Mb(largest.LiveBytesPerView * (long)largest.Views)} of managed heap; the whole process had a {Mb(largest.HeapBytes)} GC heap and a {Mb(largest.WorkingSetBytes)} working set. " +
            $"Against the published LiveView figure a live view is {40 * 1024.0 / Math.Max(1, largest.LiveBytesPerView):0.0}× smaller than a LiveView process; Blazor Server is measured beside RazorFaces, with real browsers and their connections, in its own section.");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"- Alive, not just counted: at every count {_results.Sum(r => r.LiveAnswered)} of {_results.Sum(r => r.Sampled)} sampled live views answered a click with the next count, and {_results.Sum(r => r.RebuiltAnswered)} of {_results.Sum(r => r.Sampled)} answered again after passivation (rebuilt from their records).");
    }

    internal static string Kb(long bytes) => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture) + " MB";
}

using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>The milestone 2 sections: stored session sizes, live vs passivated views.</summary>
internal static partial class ReportWriter
{
    private static void PassivationTargets(StringBuilder md, BenchResults r)
    {
        var p = r.Passivation;
        md.AppendLine(Invariant, $"| memory per live view ≤ {BenchResults.ViewBytesTarget / 1024} KB, {p.Scenario}, {p.Views} views open | {Kb(p.LiveBytesPerView)} KB | {Met(p.LiveBytesPerView <= BenchResults.ViewBytesTarget)} |");
        md.AppendLine(Invariant, $"| memory per passivated view ≤ {BenchResults.PassivatedViewBytesTarget / 1024} KB, {p.Scenario}, {p.Views} views | {Kb(p.PassivatedBytesPerView)} KB | {Met(p.PassivatedBytesPerView <= BenchResults.PassivatedViewBytesTarget)} |");
    }

    private static void SessionSizes(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Stored session object per demo page (milestone 2)").AppendLine();
        md.AppendLine("One session per page, driven through `/_rf/send`, then its fields read from the `InMemorySessionStore` (field values as JSON bytes; a cluster store replicates exactly these).").AppendLine();
        md.AppendLine("| page | `meta` bytes | beans bytes | one view record bytes | whole session bytes |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var s in r.SessionSizes)
        {
            md.AppendLine(Invariant, $"| {s.Scenario} | {s.MetaBytes} | {s.BeanBytes} | {s.ViewBytes} | {s.SessionBytes} |");
        }
        md.AppendLine().AppendLine("The view record of \"" + r.SessionSizes[0].Scenario + "\", verbatim:").AppendLine();
        md.AppendLine("```json").AppendLine(r.SessionSizes[0].ViewJson).AppendLine("```").AppendLine();
    }

    private static void Passivation(StringBuilder md, BenchResults r)
    {
        var p = r.Passivation;
        md.AppendLine("## Live vs passivated views (milestone 2)").AppendLine();
        md.AppendLine(Invariant, $"{p.Views} views of {p.Scenario}, each in its own session, measured against a baseline taken just before they were opened; then every live view dropped with `ViewRegistry.RemoveAllAsync` (what idle passivation does: the records stay in the store) and measured again. Afterwards {p.Rebuilt} of the passivated views got one more click each and answered with the next count (rebuilt from their records).").AppendLine();
        md.AppendLine("| state | managed KB per view (with its session) | target |").AppendLine("|---|---:|---|");
        md.AppendLine(Invariant, $"| live | {Kb(p.LiveBytesPerView)} | ≤ {BenchResults.ViewBytesTarget / 1024} KB: {Met(p.LiveBytesPerView <= BenchResults.ViewBytesTarget)} |");
        md.AppendLine(Invariant, $"| passivated | {Kb(p.PassivatedBytesPerView)} | ≤ {BenchResults.PassivatedViewBytesTarget / 1024} KB: {Met(p.PassivatedBytesPerView <= BenchResults.PassivatedViewBytesTarget)} |");
        md.AppendLine(Invariant, $"| for scale: the session's stored field values (meta + view record) | {Kb(p.StoredBytesPerSession)} | |");
        md.AppendLine(Invariant, $"| for scale: a Blazor Server circuit (documented) | ~250 | |");
        md.AppendLine();
    }
}

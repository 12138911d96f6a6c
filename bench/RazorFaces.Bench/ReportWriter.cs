using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>Writes one run as the Markdown of docs/performance.md (also printed to the console).</summary>
internal static class ReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Write(RunInfo run, IReadOnlyList<IBenchPart> parts)
    {
        var md = new StringBuilder();
        md.AppendLine("# Performance").AppendLine();
        md.AppendLine(Invariant, $"Measured {run.Started:yyyy-MM-dd HH:mm} UTC by `bench/RazorFaces.Bench`{(run.Settings.Quick ? " with `--quick` (short run: treat the numbers as rough)" : "")}, in {run.Elapsed.TotalSeconds:0} s; parts: {string.Join(", ", parts.Select(p => p.Name))}.");
        md.AppendLine("This file is written by the benchmark; rerun it rather than editing the numbers by hand. What the profile showed and what was changed because of it, with before/after numbers: [performance-work.md](performance-work.md).").AppendLine();
        md.AppendLine("| machine | |").AppendLine("|---|---|");
        md.AppendLine(Invariant, $"| CPU | {run.Machine.Cpu}, {run.Machine.Cores} logical cores |");
        md.AppendLine(Invariant, $"| OS | {run.Machine.Os} |");
        md.AppendLine(Invariant, $"| runtime | {run.Machine.Runtime}, Release build, {run.Machine.Gc} GC |");
        md.AppendLine(Invariant, $"| 1-minute load average | {run.Machine.Load} at the start, {run.LoadAtEnd} at the end (the benchmark's clients, servers and redis-server share the cores with each other and with other work on the machine) |");
        md.AppendLine();
        md.AppendLine("## Targets").AppendLine();
        md.AppendLine("| target | measured | met |").AppendLine("|---|---|---|");
        foreach (var row in parts.SelectMany(p => p.Targets()))
        {
            md.AppendLine(Invariant, $"| {row.Target} | {row.Measured} | {(row.Met ? "yes" : "**no**")} |");
        }
        md.AppendLine();
        md.AppendLine("For every target marked **no**, [performance-work.md](performance-work.md) says what the profile shows, what was tried (with before/after numbers) and the next lever; its \"Targets not met\" section points to each.").AppendLine();
        foreach (var part in parts)
        {
            part.WriteSection(md);
        }
        md.AppendLine("""
            ## Reproduce

            ```sh
            dotnet run -c Release --project bench/RazorFaces.Bench                  # every part; writes docs/performance.md and docs/*.svg
            dotnet run -c Release --project bench/RazorFaces.Bench -- --quick       # shorter and smaller, rough numbers
            dotnet run -c Release --project bench/RazorFaces.Bench -- --only load,push --no-report
            ```

            Options: `--only NAME[,NAME]` runs the named parts alone (then the report is only printed unless `--out PATH`
            is given, so a partial run never replaces the full one); `--out PATH` writes the report elsewhere (plots go
            next to it); `--no-report` only prints; `--no-compaction` leaves Blazor's frame buffers as Blazor keeps them (to measure
            what `RenderBufferCompactor` saves and costs). The Redis, failover and push parts need `/usr/bin/redis-server`
            (scripts/install-test-deps.sh) and Demo.App built in Release (building the benchmark in Release does it).
            The peer part also needs `/usr/bin/chromium`; it publishes `bench/BlazorServerPeer` into its `bin/` itself.
            Numbers on a shared 2-core machine move by 10–20 % between runs; compare the ratios, which are measured
            against baselines in the same run, not absolute milliseconds.
            """);
        return md.ToString();
    }
}


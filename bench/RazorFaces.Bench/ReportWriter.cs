using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>Writes the results as the Markdown of docs/performance.md (also printed to the console).</summary>
internal static partial class ReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Write(BenchResults r)
    {
        var md = new StringBuilder();
        md.AppendLine("# Performance — milestones 1 to 4").AppendLine();
        md.AppendLine(Invariant, $"Measured {r.Started:yyyy-MM-dd HH:mm} UTC by `bench/RazorFaces.Bench`{(r.Settings.Quick ? " with `--quick` (short run: treat the numbers as rough)" : "")}, in {r.Elapsed.TotalSeconds:0} s.");
        md.AppendLine("This file is written by the benchmark; rerun it rather than editing the numbers by hand.").AppendLine();
        Machine(md, r);
        Targets(md, r);
        RoundTrips(md, r);
        Payload(md, r);
        Memory(md, r);
        SessionSizes(md, r);
        Passivation(md, r);
        Failover(md, r);
        Store(md, r);
        Transports(md, r);
        Push(md, r);
        md.Append(ReportFindings.Write(r));
        ClusterFindings(md, r);
        PushFindings(md, r);
        md.Append(ReportNotes.Method(r));
        return md.ToString();
    }

    private static void Machine(StringBuilder md, BenchResults r)
    {
        md.AppendLine("| machine | |").AppendLine("|---|---|");
        md.AppendLine(Invariant, $"| CPU | {r.Machine.Cpu}, {r.Machine.Cores} logical cores |");
        md.AppendLine(Invariant, $"| OS | {r.Machine.Os} |");
        md.AppendLine(Invariant, $"| runtime | {r.Machine.Runtime}, Release build, {r.Machine.Gc} GC |");
        md.AppendLine(Invariant, $"| 1-minute load average | {r.Machine.Load} at the start, {r.LoadAtEnd} at the end (other engineers' builds share the cores) |");
        md.AppendLine();
    }

    private static void Targets(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Targets").AppendLine();
        md.AppendLine("| target | measured | met |").AppendLine("|---|---|---|");
        foreach (var clients in BenchSettings.Concurrencies)
        {
            var ratio = Ratio(r, clients, l => l.P50Ms);
            md.AppendLine(Invariant, $"| event round trip p50 ≤ {BenchResults.RoundTripTarget:0}× bare echo, {clients} client(s) | {ratio:0.00}× ({r.Latency(RoundTripBench.RazorFaces, clients).P50Ms:0.000} ms vs {r.Latency(RoundTripBench.Echo, clients).P50Ms:0.000} ms) | {Met(ratio <= BenchResults.RoundTripTarget)} |");
        }
        md.AppendLine(Invariant, $"| patches of one counter increment ≤ {BenchResults.PatchBytesTarget} bytes | {r.Payload.PatchesBytes} bytes (whole answer {r.Payload.AnswerBytes} bytes) | {Met(r.Payload.PatchesBytes <= BenchResults.PatchBytesTarget)}{(r.Payload.PatchesBytes <= BenchResults.PatchBytesTarget && r.Payload.AnswerBytes > BenchResults.PatchBytesTarget ? " for the patches; the whole answer is over" : "")} |");
        foreach (var m in r.Memory)
        {
            md.AppendLine(Invariant, $"| memory per live view ≤ {BenchResults.ViewBytesTarget / 1024} KB, {m.Scenario} | {Kb(m.ManagedBytesPerView)} KB | {Met(m.ManagedBytesPerView <= BenchResults.ViewBytesTarget)} |");
        }
        PassivationTargets(md, r);
        ClusterTargets(md, r);
        PushTargets(md, r);
        md.AppendLine();
    }

    private static void RoundTrips(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Event round trip over long-poll (loopback)").AppendLine();
        md.AppendLine("| scenario | clients | requests | p50 ms | p99 ms | mean ms | requests/s | allocated per request (client + server) |").AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in r.Latencies)
        {
            md.AppendLine(Invariant, $"| {l.Scenario} | {l.Clients} | {l.Count} | {l.P50Ms:0.000} | {l.P99Ms:0.000} | {l.MeanMs:0.000} | {l.PerSecond:0} | {l.AllocatedPerRequest / 1024.0:0.0} KB |");
        }
        md.AppendLine().AppendLine("RazorFaces ÷ echo (lower is better; 1.00 would be free):").AppendLine();
        md.AppendLine("| clients | p50 | p99 | mean | throughput (echo ÷ RazorFaces) |").AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var clients in BenchSettings.Concurrencies)
        {
            var throughput = r.Latency(RoundTripBench.Echo, clients).PerSecond / r.Latency(RoundTripBench.RazorFaces, clients).PerSecond;
            md.AppendLine(Invariant, $"| {clients} | {Ratio(r, clients, l => l.P50Ms):0.00}× | {Ratio(r, clients, l => l.P99Ms):0.00}× | {Ratio(r, clients, l => l.MeanMs):0.00}× | {throughput:0.00}× |");
        }
        md.AppendLine();
    }

    private static void Payload(StringBuilder md, BenchResults r)
    {
        var p = r.Payload;
        md.AppendLine("## Bytes of one counter increment").AppendLine();
        md.AppendLine("| what | bytes |").AppendLine("|---|---:|");
        md.AppendLine(Invariant, $"| `patches` array | {p.PatchesBytes} |");
        md.AppendLine(Invariant, $"| whole answer (the JSON array of server messages) | {p.AnswerBytes} |");
        md.AppendLine(Invariant, $"| the event message the client posted (also the echo payload) | {p.EventBytes} |");
        md.AppendLine(Invariant, $"| the first GET of /counter (HTML, for scale) | {p.PageBytes} |");
        md.AppendLine().AppendLine("The answer, verbatim:").AppendLine().AppendLine("```json").AppendLine(p.Answer).AppendLine("```").AppendLine();
    }

    private static void Memory(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Memory per live view").AppendLine();
        md.AppendLine("| page | views | managed KB per view (`GC.GetTotalMemory`) | GC heap KB per view (`HeapSizeBytes`) |").AppendLine("|---|---:|---:|---:|");
        foreach (var m in r.Memory)
        {
            md.AppendLine(Invariant, $"| {m.Scenario} | {m.Views} | {Kb(m.ManagedBytesPerView)} | {Kb(m.HeapBytesPerView)} |");
        }
        md.AppendLine();
        md.AppendLine("Where it goes (each part measured by taking it away or building it alone; see below):").AppendLine();
        md.AppendLine("| part | " + string.Join(" | ", r.Memory.Select(m => m.Scenario)) + " |");
        md.AppendLine("|---|" + string.Concat(r.Memory.Select(_ => "---:|")));
        foreach (var part in r.Memory[0].Parts.Select(p => p.Part))
        {
            var values = r.Memory.Select(m => Kb(m.Parts.Single(p => p.Part == part).BytesPerView) + " KB");
            md.AppendLine(Invariant, $"| {part} | {string.Join(" | ", values)} |");
        }
        md.AppendLine().AppendLine("| part | measured as |").AppendLine("|---|---|");
        foreach (var part in r.Memory[0].Parts)
        {
            md.AppendLine(Invariant, $"| {part.Part} | {part.HowMeasured} |");
        }
        md.AppendLine();
    }

    private static double Ratio(BenchResults r, int clients, Func<LatencyResult, double> measure) =>
        measure(r.Latency(RoundTripBench.RazorFaces, clients)) / measure(r.Latency(RoundTripBench.Echo, clients));

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("0.0", Invariant);

    private static string Met(bool met) => met ? "yes" : "**no**";
}

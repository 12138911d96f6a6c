using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>
/// Where an event's CPU time goes: a sampling profile (EventPipe, this process) of /counter clicks on the in-process
/// server from one closed-loop client; each sample is put in the stage of the hot path its stack is in
/// (<see cref="HotPathStages"/>), and the stages' shares of the process's CPU time give microseconds per event.
/// </summary>
internal sealed class ProfilePart : IBenchPart
{
    private const int TopMethods = 15;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private List<string[]> _stacks = [];
    private int _events;
    private double _cpuMsPerEvent;
    private double _seconds;

    public string Name => "profile";

    public async Task RunAsync(BenchContext context)
    {
        var server = await context.ServerAsync();
        using var http = HttpClients.Create();
        var browser = new SimulatedBrowser(http, server.Address);
        await browser.OpenAsync("/counter");
        await LoadDriver.RunAsync([browser], b => b.ClickIncrementAsync(), context.Settings.WarmUp);
        var duration = context.Settings.RoundDuration * 2;
        context.Log.WriteLine($"profile: sampling /counter clicks for {duration.TotalSeconds:0} s");
        var process = Process.GetCurrentProcess();
        _stacks = await CpuSampler.SampleAsync(async () =>
        {
            var cpu = process.TotalProcessorTime;
            var (ticks, seconds, _) = await LoadDriver.RunAsync([browser], b => b.ClickIncrementAsync(), duration);
            process.Refresh();
            (_events, _seconds) = (ticks.Count, seconds);
            _cpuMsPerEvent = (process.TotalProcessorTime - cpu).TotalMilliseconds / ticks.Count;
        });
        DumpStacks();
    }

    public IEnumerable<TargetRow> Targets() => [];

    /// <summary>With <c>RF_PROFILE_STACKS=PATH</c>, every sample's stack (leaf first) as one line, for a closer look.</summary>
    private void DumpStacks()
    {
        if (Environment.GetEnvironmentVariable("RF_PROFILE_STACKS") is { Length: > 0 } path)
        {
            File.WriteAllLines(path, _stacks.Select(s => HotPathStages.Of(s) + "\t" + string.Join(" < ", s.Select(Short))));
        }
    }

    public void WriteSection(StringBuilder md)
    {
        var byStage = _stacks.GroupBy(HotPathStages.Of).ToDictionary(g => g.Key, g => g.Count());
        var total = (double)_stacks.Count;
        md.AppendLine("## Profile of the hot path").AppendLine();
        md.AppendLine(Invariant, $"One client clicking /counter as fast as it can for {_seconds:0} s ({_events} events, {_events / _seconds:0}/s): the whole process used {_cpuMsPerEvent * 1000:0} µs of CPU per event (client and server), sampled {_stacks.Count} times while a thread ran managed code.").AppendLine();
        md.AppendLine("| stage | samples | share | µs per event |").AppendLine("|---|---:|---:|---:|");
        foreach (var stage in HotPathStages.All.Where(byStage.ContainsKey))
        {
            var share = byStage[stage] / total;
            md.AppendLine(Invariant, $"| {(HotPathStages.IsServer(stage) ? stage : "*" + stage + "*")} | {byStage[stage]} | {share:0.0%} | {share * _cpuMsPerEvent * 1000:0.0} |");
        }
        var server = byStage.Where(s => HotPathStages.IsServer(s.Key)).Sum(s => s.Value) / total;
        md.AppendLine(Invariant, $"| **server work for the event** | | **{server:0.0%}** | **{server * _cpuMsPerEvent * 1000:0.0}** |");
        md.AppendLine().AppendLine("Stages in italics are not the server's work for the event: the benchmark's own HTTP client, idle thread-pool threads spinning before they sleep, and frames no layer claims.").AppendLine();
        md.AppendLine(Invariant, $"The {TopMethods} methods most samples of the server's stages were in (exclusive; generic arguments shortened):").AppendLine();
        md.AppendLine("| method | stage | share of all samples |").AppendLine("|---|---|---:|");
        var top = _stacks.Where(s => HotPathStages.IsServer(HotPathStages.Of(s)))
            .GroupBy(s => (Method: Short(s[0]), Stage: HotPathStages.Of(s)))
            .OrderByDescending(g => g.Count()).Take(TopMethods);
        foreach (var group in top)
        {
            md.AppendLine(Invariant, $"| `{group.Key.Method}` | {group.Key.Stage} | {group.Count() / total:0.0%} |");
        }
        md.AppendLine();
        md.AppendLine("How it is measured: after a warm-up, an EventPipe session on the benchmark's own process (`Microsoft-DotNETCore-SampleProfiler`, plus the runtime's JIT and loader events and rundown for method names; `Microsoft.Diagnostics.NETCore.Client` and `TraceEvent`) records while one simulated browser clicks; samples of threads that were not running managed code (waiting, in a system call) are dropped. Each sample's stack is resolved and put in a stage by the first frame, from the leaf, that belongs to a known layer. CPU per event is the process's `TotalProcessorTime` over the run divided by the events; a stage's microseconds are its share of that. Sampling costs a little itself, so the run's events per second are lower than in the round-trip section.").AppendLine();
    }

    // "Namespace.Type.Method(args)" without the argument list and generic noise, short enough for a table.
    private static string Short(string frame)
    {
        var name = frame.Split('(')[0];
        var generic = name.IndexOf('`', StringComparison.Ordinal);
        if (generic >= 0)
        {
            var bracketEnd = name.IndexOf(']', generic);
            name = name[..generic] + (bracketEnd >= 0 ? name[(bracketEnd + 1)..] : "");
        }
        return name.Length > 100 ? "…" + name[^99..] : name;
    }
}

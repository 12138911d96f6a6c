using System.Diagnostics;
using System.Globalization;
using System.Text;
using RazorFaces.Rendering;
using RazorFaces.Session;
using RazorFaces.Views;

namespace RazorFaces.Bench;

/// <summary>
/// What the memory levers cost an event, on one view at a time: the event round trip and the bytes allocated per event
/// with the frame buffers compacted and without (<see cref="RenderBufferCompactor"/>), in alternating rounds on the same
/// server so machine noise falls on both alike; and the round trip of an event that has to rebuild its view first (what
/// an event after passivating the component tree would cost).
/// </summary>
internal sealed class CompactionPart : IBenchPart
{
    private const int Rounds = 8;
    private const int EventsPerRound = 150;
    private const int WarmUpEvents = 20;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly List<(string Scenario, Mode Off, Mode On)> _results = [];
    private (double LiveMicros, double RebuildMicros, double ReloadMicros, int Rebuilds)? _rebuild;

    public string Name => "compaction";

    public async Task RunAsync(BenchContext context)
    {
        var server = await context.ServerAsync();
        var registry = server.Services.GetRequiredService<ViewRegistry>();
        using var http = HttpClients.Create();
        var rounds = context.Settings.Quick ? Rounds / 2 : Rounds;
        try
        {
            var counter = new SimulatedBrowser(http, server.Address);
            await counter.OpenAsync("/counter");
            _results.Add(await AlternateAsync("/counter, click", rounds, counter.ClickIncrementAsync));

            var todos = new SimulatedBrowser(http, server.Address);
            await todos.OpenAsync("/todos");
            for (var i = 1; i <= MemoryProbe.TodosAdded; i++)
            {
                (await todos.SendEventAsync(todos.Page.Target("todo-text"), "input", $$"""{"value":"Buy item number {{i}}"}""")).Dispose();
                (await todos.SendEventAsync(todos.Page.Target("add-todo"), "click", """{"detail":1,"button":0}""")).Dispose();
            }
            var typed = 0;
            _results.Add(await AlternateAsync($"/todos with {MemoryProbe.TodosAdded} items, input", rounds, async () =>
                (await todos.SendEventAsync(todos.Page.Target("todo-text"), "input", $$"""{"value":"typed {{typed++}}"}""")).Dispose()));

            _rebuild = await RebuildAsync(registry, server.Services.GetRequiredService<SessionManager>(), counter, rounds * 10);
        }
        finally
        {
            RenderBufferCompactor.Enabled = true;
        }
        foreach (var (scenario, off, on) in _results)
        {
            context.Log.WriteLine($"{scenario}: p50 {off.P50Micros:0} µs → {on.P50Micros:0} µs, CPU {off.CpuMicrosPerEvent:0} → {on.CpuMicrosPerEvent:0} µs, {off.AllocatedPerEvent / 1024.0:0.0} → {on.AllocatedPerEvent / 1024.0:0.0} KB allocated per event");
        }
    }

    public IEnumerable<TargetRow> Targets() => [];

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## What the memory levers cost an event").AppendLine();
        md.AppendLine(Invariant, $"One view at a time on the in-process server, closed loop over `/_rf/send`; {Rounds} rounds (4 in a quick run) of {EventsPerRound} events with the frame buffers compacted and {Rounds} without, alternating, each after {WarmUpEvents} warm-up events; the median over the rounds of each round's p50. CPU time and allocated bytes are the whole process's (client and server) per event; CPU time is the steadier of the two time figures on a loaded machine.").AppendLine();
        md.AppendLine("| event | p50 µs, not compacted | p50 µs, compacted | ratio | CPU µs per event, not compacted | compacted | KB allocated per event, not compacted | compacted |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (scenario, off, on) in _results)
        {
            md.AppendLine(Invariant, $"| {scenario} | {off.P50Micros:0} | {on.P50Micros:0} | {on.P50Micros / off.P50Micros:0.00}× | {off.CpuMicrosPerEvent:0} | {on.CpuMicrosPerEvent:0} | {off.AllocatedPerEvent / 1024.0:0.0} | {on.AllocatedPerEvent / 1024.0:0.0} |");
        }
        md.AppendLine();
        if (_rebuild is { } rebuild)
        {
            md.AppendLine(Invariant, $"An event that first rebuilds its view (live views dropped before each, as passivation does; {rebuild.Rebuilds} events): p50 {rebuild.RebuildMicros:0} µs against {rebuild.LiveMicros:0} µs on the live view ({rebuild.RebuildMicros / rebuild.LiveMicros:0.0}×) — what the first event after passivating a view's component tree would cost; "
                + $"with its session object let go too (what idle passivation does), so that the event reads it back from the store: p50 {rebuild.ReloadMicros:0} µs ({rebuild.ReloadMicros / rebuild.LiveMicros:0.0}×).").AppendLine();
        }
    }

    private static async Task<(string, Mode, Mode)> AlternateAsync(string scenario, int rounds, Func<Task> send)
    {
        var off = new List<Round>();
        var on = new List<Round>();
        for (var round = 0; round < rounds * 2; round++)
        {
            var compacted = round % 2 == 1;
            RenderBufferCompactor.Enabled = compacted;
            (compacted ? on : off).Add(await RoundAsync(send));
        }
        return (scenario, Mode.Of(off), Mode.Of(on));
    }

    private static async Task<Round> RoundAsync(Func<Task> send)
    {
        for (var i = 0; i < WarmUpEvents; i++)
        {
            await send();
        }
        var micros = new double[EventsPerRound];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        for (var i = 0; i < EventsPerRound; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await send();
            micros[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)EventsPerRound;
        var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMicroseconds / EventsPerRound;
        Array.Sort(micros);
        return new Round(micros[micros.Length / 2], allocated, cpu);
    }

    private static async Task<(double, double, double, int)> RebuildAsync(ViewRegistry registry, SessionManager sessions, SimulatedBrowser counter, int events)
    {
        var live = new double[events];
        var rebuilt = new double[events];
        var reloaded = new double[events];
        for (var i = 0; i < events; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await counter.ClickIncrementAsync();
            live[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            await registry.RemoveAllAsync();
            started = Stopwatch.GetTimestamp();
            await counter.ClickIncrementAsync();
            rebuilt[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            // Passivated as idle passivation does it: the session object goes too, and the event reads it from the store.
            await registry.RemoveAllAsync();
            await sessions.ReleaseUnusedAsync();
            started = Stopwatch.GetTimestamp();
            await counter.ClickIncrementAsync();
            reloaded[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }
        Array.Sort(live);
        Array.Sort(rebuilt);
        Array.Sort(reloaded);
        return (live[events / 2], rebuilt[events / 2], reloaded[events / 2], events);
    }

    private sealed record Round(double P50, double Allocated, double CpuMicros);

    private sealed record Mode(double P50Micros, double AllocatedPerEvent, double CpuMicrosPerEvent)
    {
        public static Mode Of(List<Round> rounds) =>
            new(Median(rounds.Select(r => r.P50)), Median(rounds.Select(r => r.Allocated)), Median(rounds.Select(r => r.CpuMicros)));

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }
    }
}

using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>Push fan-out: one chat message rendered into 100 and 1,000 views watched over SignalR, on two nodes.</summary>
internal sealed class PushPart : IBenchPart
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private PushResult _push = null!;

    public string Name => "push";

    public async Task RunAsync(BenchContext context) => _push = await PushBench.RunAsync(context.Settings, context.Log);

    public IEnumerable<TargetRow> Targets()
    {
        var target = _push.FanOuts.FirstOrDefault(f => f.Views == PushResult.TargetViews) ?? _push.FanOuts[^1];
        yield return new TargetRow($"push fan-out to {PushResult.TargetViews} views on 2 nodes, p99 ≤ {PushResult.FanOutTargetMs:0} ms",
            string.Create(Invariant, $"{target.P99Ms:0} ms to the last of {target.Views} views ({target.LastMs.Count} pushes; p50 {target.P50Ms:0} ms)"),
            target.Views == PushResult.TargetViews && target.P99Ms <= PushResult.FanOutTargetMs);
    }

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## Push fan-out").AppendLine();
        md.AppendLine("Two Demo.App processes (A, B; Release, `--redis`) on one redis-server. N views of `/chat`, each its own session, alternate between A and B; each is watched by a **SignalR** client (the .NET SignalR client `HubConnection`, JSON hub protocol, `Watch`), all in the benchmark process. A sender on A posts a chat message over long-poll (`change`, then `submit`); the handler stores it in the Redis list and calls `IPushRenderer.RenderAsync(\"chat\")`. Time runs from just before the `submit` is sent to the moment a watcher reads the pushed update carrying the message; one push waits for all N before the next. " + PushBench.WarmUpPushes + " warm-up pushes per N are not counted.").AppendLine();
        md.AppendLine("| views | pushes | to the last view: p50 ms | p99 ms | max ms | per view: p50 ms | p99 ms | per view on the critical path |").AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var f in _push.FanOuts)
        {
            md.AppendLine(Invariant, $"| {f.Views} | {f.LastMs.Count} | {f.P50Ms:0} | {f.P99Ms:0} | {f.LastMs.Max():0} | {f.PerViewP50Ms:0} | {f.PerViewP99Ms:0} | {f.P50Ms / f.Views * 1000:0} µs |");
        }
        md.AppendLine();
        _push.Profile?.Write(md);
        md.AppendLine("Each view of the group is re-rendered like an event in its own session (session lease, `OnPushAsync`, render, diff, save), then its update goes out on that view's connection; the two nodes do their halves in parallel, but on this machine they share two cores with redis-server and the simulated clients' WebSocket loops.").AppendLine();
    }
}

using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>The event round trip over SignalR against long-poll, closed loop, on the shared in-process server.</summary>
internal sealed class TransportPart : IBenchPart
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private List<LatencyResult> _transports = [];

    public string Name => "transports";

    public async Task RunAsync(BenchContext context) =>
        _transports = await TransportBench.RunAsync(await context.ServerAsync(), context.Settings, context.Log);

    public IEnumerable<TargetRow> Targets() => [];

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## Event round trip: SignalR vs long-poll (closed loop)").AppendLine();
        md.AppendLine("Same in-process server, /counter clicks, each client its own session with one view per transport; rounds of the two alternate. Long-poll: one `POST /_rf/send` per click (keep-alive connection). SignalR: `Send` invoked on an open WebSocket (the .NET SignalR client `HubConnection`, JSON hub protocol, `bench/RazorFaces.Bench/HubClient.cs`), answer awaited.").AppendLine();
        md.AppendLine("| transport | clients | requests | p50 ms | p99 ms | mean ms | requests/s |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var l in _transports)
        {
            md.AppendLine(Invariant, $"| {l.Scenario} | {l.Clients} | {l.Count} | {l.P50Ms:0.000} | {l.P99Ms:0.000} | {l.MeanMs:0.000} | {l.PerSecond:0} |");
        }
        md.AppendLine().AppendLine("| clients | SignalR ÷ long-poll, p50 | p99 | throughput (SignalR ÷ long-poll) |").AppendLine("|---:|---:|---:|---:|");
        foreach (var clients in BenchSettings.Concurrencies)
        {
            var (poll, hub) = (Latency(TransportBench.LongPoll, clients), Latency(TransportBench.SignalR, clients));
            md.AppendLine(Invariant, $"| {clients} | {hub.P50Ms / poll.P50Ms:0.00}× | {hub.P99Ms / poll.P99Ms:0.00}× | {hub.PerSecond / poll.PerSecond:0.00}× |");
        }
        md.AppendLine();
        var (p1, h1) = (Latency(TransportBench.LongPoll, 1), Latency(TransportBench.SignalR, 1));
        md.AppendLine(Invariant, $"One client: {h1.P50Ms:0.000} ms over the hub against {p1.P50Ms:0.000} ms over `POST /_rf/send` (p50, {h1.P50Ms / p1.P50Ms:0.00}×). Both run the event through the same code (`ClientMessageHandler`); on loopback an HTTP request on a kept-alive connection costs little, and the hub adds its own framing (the message travels as an escaped JSON string inside an invocation frame) and SignalR's per-invocation dispatch. What the hub saves is elsewhere: no poll request per server update and no poll to re-open after each one; pushes go out on the open socket.").AppendLine();
    }

    private LatencyResult Latency(string scenario, int clients) => _transports.Single(l => l.Scenario == scenario && l.Clients == clients);
}

using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>
/// The event round trip over long-poll against a bare Kestrel echo (closed loop, 1 and 50 clients), and the bytes of
/// one counter increment.
/// </summary>
internal sealed class RoundTripPart : IBenchPart
{
    // #15's targets: the closed-loop round trip within 1.5× the echo; an event round trip allocating at most 10 KB.
    public const double RoundTripTarget = 1.5;
    public const double ThroughputTarget = 0.5;
    public const double AllocatedTargetKb = 10;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private BenchSettings _settings = BenchSettings.Full;
    private List<LatencyResult> _latencies = [];
    private PayloadResult _payload = null!;

    public string Name => "roundtrip";

    public async Task RunAsync(BenchContext context)
    {
        _settings = context.Settings;
        var server = await context.ServerAsync();
        _payload = await PayloadResult.MeasureAsync(server);
        _latencies = await RoundTripBench.RunAsync(server, context.Settings, context.Log);
    }

    public IEnumerable<TargetRow> Targets()
    {
        foreach (var clients in BenchSettings.Concurrencies)
        {
            var (rf, echo) = (Latency(RoundTripBench.RazorFaces, clients), Latency(RoundTripBench.Echo, clients));
            yield return new TargetRow($"event round trip p50 ≤ {RoundTripTarget:0.0}× bare echo, {clients} client(s), closed loop",
                string.Create(Invariant, $"{rf.P50Ms / echo.P50Ms:0.00}× ({rf.P50Ms:0.000} ms vs {echo.P50Ms:0.000} ms)"), rf.P50Ms / echo.P50Ms <= RoundTripTarget);
            yield return new TargetRow($"throughput ≥ {ThroughputTarget:0%} of the echo's, {clients} client(s), in-memory store",
                string.Create(Invariant, $"{rf.PerSecond / echo.PerSecond:0%} ({rf.PerSecond:0} vs {echo.PerSecond:0} requests/s)"), rf.PerSecond / echo.PerSecond >= ThroughputTarget);
        }
        var (single, singleEcho) = (Latency(RoundTripBench.RazorFaces, 1), Latency(RoundTripBench.Echo, 1));
        yield return new TargetRow($"allocations per event round trip ≤ {AllocatedTargetKb:0} KB, /counter click over long-poll, client + server",
            string.Create(Invariant, $"{single.AllocatedPerRequest / 1024.0:0.0} KB (echo {singleEcho.AllocatedPerRequest / 1024.0:0.0} KB)"),
            single.AllocatedPerRequest <= AllocatedTargetKb * 1024);
    }

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## Event round trip against a bare echo (long-poll, closed loop)").AppendLine();
        md.AppendLine("| scenario | clients | requests | p50 ms | p99 ms | mean ms | requests/s | allocated per request (client + server) |").AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in _latencies)
        {
            md.AppendLine(Invariant, $"| {l.Scenario} | {l.Clients} | {l.Count} | {l.P50Ms:0.000} | {l.P99Ms:0.000} | {l.MeanMs:0.000} | {l.PerSecond:0} | {l.AllocatedPerRequest / 1024.0:0.0} KB |");
        }
        md.AppendLine().AppendLine("RazorFaces ÷ echo (lower is better; 1.00 would be free):").AppendLine();
        md.AppendLine("| clients | p50 | p99 | mean | throughput (RazorFaces ÷ echo) |").AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var clients in BenchSettings.Concurrencies)
        {
            var (rf, echo) = (Latency(RoundTripBench.RazorFaces, clients), Latency(RoundTripBench.Echo, clients));
            md.AppendLine(Invariant, $"| {clients} | {rf.P50Ms / echo.P50Ms:0.00}× | {rf.P99Ms / echo.P99Ms:0.00}× | {rf.MeanMs / echo.MeanMs:0.00}× | {rf.PerSecond / echo.PerSecond:0%} |");
        }
        md.AppendLine();
        var (one, oneEcho) = (Latency(RoundTripBench.RazorFaces, 1), Latency(RoundTripBench.Echo, 1));
        var many = BenchSettings.Concurrencies.Max();
        var (busy, busyEcho) = (Latency(RoundTripBench.RazorFaces, many), Latency(RoundTripBench.Echo, many));
        md.AppendLine(Invariant, $"An event costs about {(one.MeanMs - oneEcho.MeanMs) * 1000:0} µs more than the echo on an idle server: session and token check, JSON parse, the hop onto the view's dispatcher, the render, the DOM rebuild of the re-rendered component, the diff, the session save (digest check) and the JSON answer; where that goes is in the profile section. The process allocates {one.AllocatedPerRequest / 1024.0:0.0} KB per event round trip against {oneEcho.AllocatedPerRequest / 1024.0:0.0} KB per echo (client side included in both). With {many} clients both cores are saturated (clients and server share them), so latency there is mostly queueing; p99 is {busy.P99Ms / busyEcho.P99Ms:0.00}× the echo's ({busy.P99Ms:0.0} ms vs {busyEcho.P99Ms:0.0} ms).").AppendLine();
        Payload(md);
        md.AppendLine(Invariant, $"""
            How it is measured: real Kestrel on `127.0.0.1` inside the benchmark process with Demo.App's pipeline (`AddRazorFaces()`, `MapRazorFaces<Demo.App.App>()`; logging at Warning). The echo baseline is `POST /bench/echo` in the same server: it reads the whole body and writes it back. Each simulated browser has its own keep-alive connection and cookie container; it GETs `/counter`, reads the view id, `n`, the CSRF token and the increment button's `data-rf` target from the HTML, then POSTs `event` messages to `/_rf/send` with the `X-RF-Token` header and checks that every answer is exactly one `update` with `n + 1` and one SetText patch to the next count. The echo client posts a message of the same size with the same headers and checks it comes back byte for byte. Closed loop: every client sends its next request as soon as it has the previous answer; after a {_settings.WarmUp.TotalSeconds:0} s warm-up, echo and RazorFaces rounds of {_settings.RoundDuration.TotalSeconds:0} s alternate ({_settings.Rounds} each per concurrency), so a busy phase of the shared machine hits both about equally.

            """);
    }

    private void Payload(StringBuilder md)
    {
        var p = _payload;
        md.AppendLine("### Bytes of one counter increment").AppendLine();
        md.AppendLine("| what | bytes |").AppendLine("|---|---:|");
        md.AppendLine(Invariant, $"| `patches` array | {p.PatchesBytes} |");
        md.AppendLine(Invariant, $"| whole answer (the JSON array of server messages) | {p.AnswerBytes} |");
        md.AppendLine(Invariant, $"| the event message the client posted (also the echo payload) | {p.EventBytes} |");
        md.AppendLine(Invariant, $"| the first GET of /counter (HTML, for scale) | {p.PageBytes} |");
        md.AppendLine().AppendLine("The answer, verbatim (one SetText patch; the rest is the envelope: `t`, the 22-character view id, `n`):").AppendLine();
        md.AppendLine("```json").AppendLine(p.Answer).AppendLine("```").AppendLine();
    }

    private LatencyResult Latency(string scenario, int clients) => _latencies.Single(l => l.Scenario == scenario && l.Clients == clients);
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>
/// Whether the browser's hub connection should use SignalR's MessagePack protocol instead of JSON: the frame bytes of
/// every demo page's answers in both, the server's cost to write each, and the browser's cost to decode each (in
/// Node.js, with the decoder <c>@microsoft/signalr-protocol-msgpack</c> uses, against <c>JSON.parse</c>).
/// </summary>
internal sealed class HubProtocolPart : IBenchPart
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly List<Row> _rows = [];
    private BenchSettings _settings = BenchSettings.Full;

    public string Name => "hub-protocol";

    public async Task RunAsync(BenchContext context)
    {
        _settings = context.Settings;
        var (rounds, repetitions) = context.Settings.Quick ? (3, 2000) : (9, 20000);
        var frames = new List<(HubProtocolFrames Frames, double JsonNs, double MessagePackNs)>();
        foreach (var scenario in WireScenario.All)
        {
            var page = await WireMeasure.RunAsync(scenario);
            foreach (var step in page.Steps)
            {
                var (json, messagePack) = HubProtocolFrames.EncodeCost(step.Answer, rounds, repetitions);
                frames.Add((HubProtocolFrames.Of(page.Page, step.Step.Action, step.Answer), json, messagePack));
            }
        }
        var decoded = await DecodeInNodeAsync([.. frames.Select(f => f.Frames)], rounds, repetitions);
        foreach (var (f, i) in frames.Select((f, i) => (f, i)))
        {
            _rows.Add(new Row(f.Frames.Page, f.Frames.Action, f.Frames.Json.Length, f.Frames.MessagePack.Length, f.JsonNs, f.MessagePackNs, decoded[i].JsonNs, decoded[i].MessagePackNs));
        }
        context.Log.WriteLine(string.Create(Invariant, $"hub-protocol: MessagePack frames {_rows.Average(r => (double)r.MessagePackBytes / r.JsonBytes):0.00}× the bytes of JSON; browser decode {_rows.Average(r => r.DecodeMessagePackNs / r.DecodeJsonNs):0.00}×, server encode {_rows.Average(r => r.EncodeMessagePackNs / r.EncodeJsonNs):0.00}×"));
    }

    public IEnumerable<TargetRow> Targets() => [];

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## Hub protocol for the browser: JSON or MessagePack").AppendLine();
        md.AppendLine("| page | step | JSON frame bytes | MessagePack | MP ÷ JSON | server encode ns JSON | MessagePack | MP ÷ JSON | browser decode ns JSON | MessagePack | MP ÷ JSON |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in _rows)
        {
            md.AppendLine(Invariant, $"| {r.Page} | {r.Action} | {r.JsonBytes} | {r.MessagePackBytes} | {(double)r.MessagePackBytes / r.JsonBytes:0.00}× | {r.EncodeJsonNs:0} | {r.EncodeMessagePackNs:0} | {r.EncodeMessagePackNs / r.EncodeJsonNs:0.00}× | {r.DecodeJsonNs:0} | {r.DecodeMessagePackNs:0} | {r.DecodeMessagePackNs / r.DecodeJsonNs:0.00}× |");
        }
        md.AppendLine();
        var bytes = _rows.Average(r => (double)r.MessagePackBytes / r.JsonBytes);
        var encode = _rows.Average(r => r.EncodeMessagePackNs / r.EncodeJsonNs);
        var decode = _rows.Average(r => r.DecodeMessagePackNs / r.DecodeJsonNs);
        var saved = _rows.Select(r => r.JsonBytes - r.MessagePackBytes).ToList();
        // The client would have to carry a MessagePack decoder, and the server a second writer for every message:
        // worth it only if the browser gets its messages clearly faster (beyond this machine's noise, about 20 %)
        // as well as in fewer bytes.
        var wins = bytes < 0.9 && decode < 0.8;
        md.AppendLine(string.Create(Invariant, $"On average MessagePack frames are {bytes:0.00}× the bytes of JSON ones ({saved.Min()}–{saved.Max()} bytes fewer per answer, much of it the JSON completion's 40-byte envelope); the server writes them in {encode:0.00}× the time and the browser decodes them in {decode:0.00}× the time. ") +
            (wins
                ? "MessagePack gives the browser its messages in fewer bytes and clearly faster: worth adopting for the browser's hub connection (it is not adopted yet)."
                : "The browser keeps the JSON hub protocol: it would save tens of bytes per answer on a WebSocket, but not clearly the browser's time (its `JSON.parse` is native code, the MessagePack decoder JavaScript), and it would add the decoder (about 22 KB minified) to the client script and a second writer for every server message."));
        md.AppendLine();
        md.AppendLine(Invariant, $"How it is measured: every step of every demo page (the \"Bytes on the wire\" scenarios) is driven over long-poll on a fresh in-process server; each answer's messages are framed as a hub `Send` completion in SignalR's JSON protocol (`{{\"type\":3,\"invocationId\":\"1\",\"result\":[…]}}` and the record separator: exactly what RazorFaces sends) and in its MessagePack protocol (the length prefix and `[3, {{}}, \"1\", 3, result]`, the messages as native MessagePack maps and arrays, as a MessagePack transport would write them). Server encode writes each frame from the same parsed messages (`Utf8JsonWriter` against `MessagePackWriter`). Browser decode runs in Node.js (`bench/hub-protocol/decode.mjs`): `TextDecoder` + `JSON.parse` of the text record against `@msgpack/msgpack`'s `Decoder` (the decoder of `@microsoft/signalr-protocol-msgpack`), after checking both give the same messages. Each timing is the fastest of {(_settings.Quick ? 3 : 9)} rounds of {(_settings.Quick ? 2000 : 20000)} repetitions, the formats alternating.").AppendLine();
    }

    private static async Task<List<(double JsonNs, double MessagePackNs)>> DecodeInNodeAsync(IReadOnlyList<HubProtocolFrames> frames, int rounds, int repetitions)
    {
        var root = RepoPaths.Root() ?? throw new InvalidOperationException("Run the benchmark inside the repository (it runs bench/hub-protocol/decode.mjs).");
        var input = Path.Combine(Path.GetTempPath(), $"rf-hub-frames-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(frames.Select(f => new
        {
            page = f.Page, action = f.Action, json = Encoding.UTF8.GetString(f.Json), msgpack = Convert.ToBase64String(f.MessagePack),
        })));
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(root, "bench", "hub-protocol", "decode.mjs"), input, rounds.ToString(Invariant), repetitions.ToString(Invariant)])
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            var output = node.StandardOutput.ReadToEndAsync();
            var error = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            if (node.ExitCode != 0)
            {
                throw new InvalidOperationException($"decode.mjs failed ({node.ExitCode}): {await error}");
            }
            return [.. (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            {
                using var result = JsonDocument.Parse(line);
                return (result.RootElement.GetProperty("jsonNs").GetDouble(), result.RootElement.GetProperty("msgpackNs").GetDouble());
            })];
        }
        finally
        {
            File.Delete(input);
        }
    }

    private sealed record Row(string Page, string Action, int JsonBytes, int MessagePackBytes, double EncodeJsonNs, double EncodeMessagePackNs, double DecodeJsonNs, double DecodeMessagePackNs);
}

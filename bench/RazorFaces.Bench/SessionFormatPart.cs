using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>The stored session object of every demo page with state as MessagePack (the default) against JSON: size and CPU.</summary>
internal sealed class SessionFormatPart : IBenchPart
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private List<SessionFormatResult> _results = [];
    private BenchSettings _settings = BenchSettings.Full;

    public string Name => "session-format";

    public async Task RunAsync(BenchContext context)
    {
        _settings = context.Settings;
        _results = await SessionFormatBench.RunAsync(context.Settings, context.Log);
    }

    public IEnumerable<TargetRow> Targets() => [];

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## Stored format: MessagePack vs JSON").AppendLine();
        md.AppendLine("| page | JSON bytes | MessagePack bytes | size (MP ÷ JSON) | encode µs JSON | encode µs MP | encode (MP ÷ JSON) | decode µs JSON | decode µs MP | decode (MP ÷ JSON) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in _results)
        {
            md.AppendLine(Invariant, $"| {r.Scenario} | {r.JsonBytes} | {r.MessagePackBytes} | {(double)r.MessagePackBytes / r.JsonBytes:0.00}× | {r.JsonSerializeUs:0.0} | {r.MessagePackSerializeUs:0.0} | {r.MessagePackSerializeUs / r.JsonSerializeUs:0.00}× | {r.JsonDeserializeUs:0.0} | {r.MessagePackDeserializeUs:0.0} | {r.MessagePackDeserializeUs / r.JsonDeserializeUs:0.00}× |");
        }
        md.AppendLine();
        md.AppendLine(Invariant, $"""
            How it is measured: two in-process servers, one with `Sessions.Format = Json`, one with the default MessagePack; on each, every demo page with state is driven as in "Stored session object per demo page" (a session of its own), and the fields its session store holds are the bytes counted. Encode is `SessionCodec.EncodeAll` of the decoded session (meta, beans, every view record: what a node writes after a request that changed everything); decode is `SessionCodec.Decode` plus every session bean deserialized (what a node does when it takes over a session). Each is timed over {(_settings.Quick ? 500 : 2000)} repetitions per round, {(_settings.Quick ? 3 : 7)} rounds alternating the formats; the table shows the median round, per operation. Component state inside a view record is counted in the record's bytes and encoded with it, but not deserialized into components (that happens only when a view is rebuilt).

            """);
    }
}

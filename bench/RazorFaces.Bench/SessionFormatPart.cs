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
        md.AppendLine("| page | stored bytes JSON | MessagePack | MP ÷ JSON | encode µs JSON | MessagePack | MP ÷ JSON | decode µs JSON | MessagePack | MP ÷ JSON |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in _results)
        {
            md.AppendLine(Invariant, $"| {r.Scenario} | {r.JsonBytes} | {r.MessagePackBytes} | {(double)r.MessagePackBytes / r.JsonBytes:0.00}× | {r.JsonSerializeUs:0.0} | {r.MessagePackSerializeUs:0.0} | {r.MessagePackSerializeUs / r.JsonSerializeUs:0.00}× | {r.JsonDeserializeUs:0.0} | {r.MessagePackDeserializeUs:0.0} | {r.MessagePackDeserializeUs / r.JsonDeserializeUs:0.00}× |");
        }
        md.AppendLine().AppendLine("| page | bytes allocated per encode, JSON | MessagePack | MP ÷ JSON | per decode, JSON | MessagePack | MP ÷ JSON |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in _results)
        {
            md.AppendLine(Invariant, $"| {r.Scenario} | {r.JsonSerializeAllocated} | {r.MessagePackSerializeAllocated} | {(double)r.MessagePackSerializeAllocated / r.JsonSerializeAllocated:0.00}× | {r.JsonDeserializeAllocated} | {r.MessagePackDeserializeAllocated} | {(double)r.MessagePackDeserializeAllocated / r.JsonDeserializeAllocated:0.00}× |");
        }
        md.AppendLine();
        var size = _results.Average(r => (double)r.MessagePackBytes / r.JsonBytes);
        var encode = _results.Average(r => r.MessagePackSerializeUs / r.JsonSerializeUs);
        var decode = _results.Average(r => r.MessagePackDeserializeUs / r.JsonDeserializeUs);
        md.AppendLine(Invariant, $"On average over the pages MessagePack stores {size:0.00}× the bytes of JSON, encodes in {encode:0.00}× and decodes in {decode:0.00}× the time. The sessions are small (a few hundred bytes, a few microseconds), so the bytes a cluster replicates on every write, and the Redis memory they take, are what the default changes; the CPU either way is far below one Redis round trip (see \"Event round trip with the Redis store\").").AppendLine();
        md.AppendLine(Invariant, $"""
            How it is measured: two in-process servers, one with `Sessions.Format = Json`, one with the default MessagePack; on each, every demo page with state is driven as in "Stored session object per demo page" (a session of its own), and the fields its session store holds are the bytes counted. Encode is `SessionCodec.EncodeAll` of the decoded session (meta, beans, every view record: what a node writes after a request that changed everything); decode is `SessionCodec.Decode` plus every session bean deserialized (what a node does when it takes over a session). Each is timed over {(_settings.Quick ? 2000 : 20000)} repetitions per round, {(_settings.Quick ? 3 : 9)} rounds alternating the formats; the table shows the fastest round (the one least disturbed by other work on the shared machine), per operation. Allocated bytes are `GC.GetAllocatedBytesForCurrentThread` around one operation after a warm-up. Component state inside a view record is counted in the record's bytes and encoded with it, but not deserialized into components (that happens only when a view is rebuilt).

            """);
    }
}

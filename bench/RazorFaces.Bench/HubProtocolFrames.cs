using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MessagePack;

namespace RazorFaces.Bench;

/// <summary>
/// One hub answer (a <c>Send</c> completion carrying the server messages) framed as SignalR's two hub protocols would
/// carry it: the JSON protocol's text record (what RazorFaces sends), and the MessagePack protocol's binary message
/// with the same messages as native MessagePack maps and arrays (what a MessagePack transport would send; the
/// client would then get objects without a <c>JSON.parse</c>).
/// </summary>
internal sealed record HubProtocolFrames(string Page, string Action, byte[] Json, byte[] MessagePack)
{
    private const char RecordSeparator = '\u001e';

    // As the hub writes: only what JSON requires is escaped (the frames match the wire part's measured SignalR bytes).
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static HubProtocolFrames Of(string page, string action, string answerJson)
    {
        using var answer = JsonDocument.Parse(answerJson);
        return new HubProtocolFrames(page, action, JsonFrame(answer.RootElement), MessagePackFrame(answer.RootElement));
    }

    /// <summary>
    /// Server-side cost of writing each frame from the same parsed messages, in nanoseconds per frame: the fastest
    /// of <paramref name="rounds"/> rounds of <paramref name="repetitions"/>, the formats alternating. Both walk the
    /// parsed messages value by value (as a writer of the server's messages would), so only the writers differ.
    /// </summary>
    public static (double JsonNs, double MessagePackNs) EncodeCost(string answerJson, int rounds, int repetitions)
    {
        using var answer = JsonDocument.Parse(answerJson);
        var root = answer.RootElement;
        double json = double.MaxValue, messagePack = double.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            json = Math.Min(json, Time(() => JsonFrame(root, copy: false), repetitions));
            messagePack = Math.Min(messagePack, Time(() => MessagePackFrame(root), repetitions));
        }
        return (json, messagePack);
    }

    // {"type":3,"invocationId":"1","result":[…]} and the record separator, as the JSON hub protocol writes it.
    private static byte[] JsonFrame(JsonElement result, bool copy = true)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            writer.WriteStartObject();
            writer.WriteNumber("type", 3);
            writer.WriteString("invocationId", "1");
            writer.WritePropertyName("result");
            if (copy)
            {
                result.WriteTo(writer);
            }
            else
            {
                WriteValue(writer, result);
            }
            writer.WriteEndObject();
        }
        buffer.Write(Encoding.UTF8.GetBytes([RecordSeparator]));
        return buffer.WrittenSpan.ToArray();
    }

    // A completion with a result in SignalR's MessagePack protocol: [3, {headers}, "1", 3 (non-void result), result],
    // prefixed by its length as a 7-bit varint.
    private static byte[] MessagePackFrame(JsonElement result)
    {
        var body = new ArrayBufferWriter<byte>(512);
        var writer = new MessagePackWriter(body);
        writer.WriteArrayHeader(5);
        writer.Write(3);
        writer.WriteMapHeader(0);
        writer.Write("1");
        writer.Write(3);
        WriteValue(ref writer, result);
        writer.Flush();
        var frame = new ArrayBufferWriter<byte>(body.WrittenCount + 5);
        var length = (uint)body.WrittenCount;
        do
        {
            var b = (byte)(length & 0x7f);
            length >>= 7;
            frame.Write([length > 0 ? (byte)(b | 0x80) : b]);
        }
        while (length > 0);
        frame.Write(body.WrittenSpan);
        return frame.WrittenSpan.ToArray();
    }

    private static void WriteValue(ref MessagePackWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteMapHeader(value.EnumerateObject().Count());
                foreach (var property in value.EnumerateObject())
                {
                    writer.Write(property.Name);
                    WriteValue(ref writer, property.Value);
                }
                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(value.GetArrayLength());
                foreach (var item in value.EnumerateArray())
                {
                    WriteValue(ref writer, item);
                }
                break;
            case JsonValueKind.String:
                writer.Write(value.GetString());
                break;
            case JsonValueKind.Number when value.TryGetInt64(out var whole):
                writer.Write(whole);
                break;
            case JsonValueKind.Number:
                writer.Write(value.GetDouble());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                writer.Write(value.GetBoolean());
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteValue(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteValue(writer, item);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(value.GetString());
                break;
            case JsonValueKind.Number when value.TryGetInt64(out var whole):
                writer.WriteNumberValue(whole);
                break;
            case JsonValueKind.Number:
                writer.WriteNumberValue(value.GetDouble());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                writer.WriteBooleanValue(value.GetBoolean());
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static double Time(Func<byte[]> write, int repetitions)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < repetitions; i++)
        {
            write();
        }
        return Stopwatch.GetElapsedTime(started).TotalNanoseconds / repetitions;
    }
}

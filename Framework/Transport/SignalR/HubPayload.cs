using System.Text.Json;
using System.Text.Json.Serialization;

namespace RazorFaces.Transport.SignalR;

/// <summary>
/// A hub argument or result that is one JSON value we wrote ourselves: the JSON hub protocol copies its bytes into
/// the frame as they are. Handing SignalR a <see cref="JsonElement"/> instead meant writing the messages, parsing
/// them into a document, copying it, and writing it out again; a push to many views did that once per view.
/// </summary>
[JsonConverter(typeof(Converter))]
internal sealed class HubPayload(ReadOnlyMemory<byte> utf8Json)
{
    /// <summary>The value's UTF-8 JSON, as <see cref="System.Text.Json.Utf8JsonWriter"/> wrote it (so it is valid).</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; } = utf8Json;

    /// <summary>The value as a document (tests and diagnostics; the hub never needs it).</summary>
    public JsonElement ToJsonElement()
    {
        using var document = JsonDocument.Parse(Utf8Json);
        return document.RootElement.Clone();
    }

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8Json.Span);

    private sealed class Converter : JsonConverter<HubPayload>
    {
        public override HubPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A hub payload is only ever sent.");

        // Our own writer produced the bytes: checking them again would cost what this type saves.
        public override void Write(Utf8JsonWriter writer, HubPayload value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8Json.Span, skipInputValidation: true);
    }
}

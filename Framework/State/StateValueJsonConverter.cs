using System.Text.Json;
using System.Text.Json.Serialization;

namespace RazorFaces.State;

/// <summary>
/// Writes a JSON <see cref="StateValue"/> as it is (so the JSON format of a view record is what it was before
/// values were tagged) and a MessagePack one as <c>{"~msgpack":"base64"}</c>, which only a node set to JSON writes
/// when it saves a record a MessagePack node stored.
/// </summary>
internal sealed class StateValueJsonConverter : JsonConverter<StateValue>
{
    private const string MessagePackProperty = "~msgpack";

    public override StateValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty(MessagePackProperty, out var packed)
            && packed.ValueKind == JsonValueKind.String
            && root.EnumerateObject().Count() == 1)
        {
            return new StateValue(SessionFormat.MessagePack, packed.GetBytesFromBase64());
        }
        return new StateValue(SessionFormat.Json, System.Text.Encoding.UTF8.GetBytes(root.GetRawText()));
    }

    public override void Write(Utf8JsonWriter writer, StateValue value, JsonSerializerOptions options)
    {
        if (value.Format == SessionFormat.Json)
        {
            writer.WriteRawValue(value.Bytes, skipInputValidation: true);
            return;
        }
        writer.WriteStartObject();
        writer.WriteBase64String(MessagePackProperty, value.Bytes);
        writer.WriteEndObject();
    }
}

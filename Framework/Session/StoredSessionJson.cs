using System.Text.Encodings.Web;
using System.Text.Json;
using RazorFaces.State;

namespace RazorFaces.Session;

/// <summary>
/// A stored session as indented JSON for people: each field decoded from the format it is stored in, so an operator
/// reads a MessagePack session as easily as a JSON one. The CSRF token is left out: a dump is for reading state,
/// and may be pasted into a ticket or a chat.
/// </summary>
internal static class StoredSessionJson
{
    // SessionMeta.CsrfToken under the contract's camelCase name.
    private const string HiddenMember = "csrfToken";

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(string sessionId, StoredSession stored)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            writer.WriteStartObject();
            writer.WriteString("id", sessionId);
            writer.WriteNumber("version", stored.Version);
            writer.WriteStartObject("fields");
            foreach (var (name, bytes) in stored.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var format = StoredFormats.Detect(bytes);
                writer.WriteStartObject(name);
                writer.WriteString("format", format.ToString());
                writer.WriteNumber("bytes", bytes.Length);
                writer.WritePropertyName("value");
                var text = StoredFormats.ToJson(bytes, format);
                try
                {
                    using var document = JsonDocument.Parse(text);
                    WriteValue(writer, document.RootElement, hideToken: name == SessionFields.MetaField);
                }
                catch (JsonException)
                {
                    // A field this build cannot decode is still shown, as the text the decoder gave.
                    writer.WriteStringValue(text);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement value, bool hideToken)
    {
        if (!hideToken || value.ValueKind != JsonValueKind.Object)
        {
            value.WriteTo(writer);
            return;
        }
        writer.WriteStartObject();
        foreach (var property in value.EnumerateObject())
        {
            if (property.NameEquals(HiddenMember))
            {
                writer.WriteString(property.Name, "(hidden)");
            }
            else
            {
                property.WriteTo(writer);
            }
        }
        writer.WriteEndObject();
    }

}

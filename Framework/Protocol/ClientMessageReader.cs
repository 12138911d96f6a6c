using System.Text.Json;
using System.Text.Unicode;
using RazorFaces.Protocol;
using RazorFaces.Views;

namespace RazorFaces.Protocol;

/// <summary>Parses client messages; anything that is not exactly a known message is rejected with a reason.</summary>
internal static class ClientMessageReader
{
    private const int MaxIdLength = 64;
    private const int MaxTargetLength = 2048;
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <exception cref="ProtocolException">with <see cref="ErrorCodes.BadMessage"/>.</exception>
    public static ClientMessage Read(ReadOnlyMemory<byte> body)
    {
        // The JSON reader checks structure, not the bytes inside strings: invalid UTF-8 there would only fail
        // later, when a string is read, as an exception that is no protocol error.
        if (!Utf8.IsValid(body.Span))
        {
            throw Bad("The message is not valid UTF-8.");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw Bad($"The message is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad("The message must be a JSON object.");
            }
            var type = String(root, "t", MaxIdLength);
            var message = new ClientMessage(type, String(root, "view", MaxIdLength))
            {
                Token = OptionalString(root, "token"),
                Url = OptionalString(root, "url") is { Length: <= MaxTargetLength } url ? url : null,
            };
            return type switch
            {
                MessageTypes.Event => message with
                {
                    Number = Int(root, "n"),
                    EventId = EventId(root),
                    Target = String(root, "target", MaxTargetLength),
                    Name = String(root, "name", MaxIdLength),
                    Args = root.TryGetProperty("args", out var args) ? args.Clone() : default,
                },
                MessageTypes.Navigate => message with { Number = Int(root, "n"), EventId = EventId(root), Url = String(root, "url", MaxTargetLength) },
                MessageTypes.Resync => message with { Number = Int(root, "n") },
                MessageTypes.Close => message,
                MessageTypes.JSDone => message with
                {
                    Number = Int(root, "n"),
                    EventId = EventId(root),
                    CallId = CallId(root),
                    Ok = Bool(root, "ok"),
                    Json = Text(root, "result"),
                    Bytes = Bytes(root),
                },
                MessageTypes.DotNet => message with
                {
                    Number = Int(root, "n"),
                    EventId = EventId(root),
                    CallId = root.TryGetProperty("call", out _) ? CallId(root) : null,
                    Assembly = OptionalString(root, "assembly") is { Length: > 0 and <= MaxTargetLength } assembly ? assembly : null,
                    Method = String(root, "method", MaxTargetLength),
                    ObjectId = root.TryGetProperty("object", out var objectId) ? Long(objectId, "object") : 0,
                    Json = Text(root, "args"),
                    Bytes = Bytes(root),
                },
                _ => throw Bad($"Unknown message type '{type}'."),
            };
        }
    }

    private static string String(JsonElement root, string name, int maxLength)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw Bad($"The field '{name}' must be a string.");
        }
        var text = value.GetString()!;
        return text.Length is > 0 && text.Length <= maxLength
            ? text
            : throw Bad($"The field '{name}' must have 1 to {maxLength} characters.");
    }

    // A JSON payload carried as text (the message's size is limited already); Microsoft.JSInterop reads it.
    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Bad($"The field '{name}' must be a string of JSON.");

    private static byte[][] Bytes(JsonElement root)
    {
        if (!root.TryGetProperty("bytes", out var value))
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Bad("The field 'bytes' must be an array of base64 strings.");
        }
        var bytes = new byte[value.GetArrayLength()][];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            bytes[i++] = item.ValueKind == JsonValueKind.String && item.TryGetBytesFromBase64(out var data)
                ? data
                : throw Bad("The field 'bytes' must be an array of base64 strings.");
        }
        return bytes;
    }

    private static bool Bool(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw Bad($"The field '{name}' must be true or false.");

    private static string CallId(JsonElement root) =>
        root.TryGetProperty("call", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id) && id > 0
            ? id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : throw Bad("The field 'call' must be a positive whole number.");

    private static long Long(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0
            ? number
            : throw Bad($"The field '{name}' must be a non-negative whole number.");

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0
            ? number
            : throw Bad($"The field '{name}' must be a non-negative whole number.");

    private static long EventId(JsonElement root) =>
        root.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id) && id > 0
            ? id
            : throw Bad("The field 'id' must be a positive whole number.");

    private static ProtocolException Bad(string reason) => new(ErrorCodes.BadMessage, reason);
}

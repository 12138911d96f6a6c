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

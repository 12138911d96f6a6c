using System.Text.Json;

namespace RazorFaces.Tests.Support;

/// <summary>One server → client message of an answer (docs/protocol.md, "Server → client").</summary>
/// <param name="Type">The <c>t</c> field: <c>update</c>, <c>refresh</c> or <c>location</c>.</param>
/// <param name="View">The view id (null for <c>location</c>).</param>
/// <param name="Number">The view number <c>n</c> the message brings the view to (0 for <c>location</c>).</param>
/// <param name="Patches">The patches of an <c>update</c>; <see cref="JsonValueKind.Undefined"/> otherwise.</param>
/// <param name="Html">The html of a <c>refresh</c>.</param>
/// <param name="Url">The optional <c>url</c>.</param>
/// <param name="Json">The message as the server wrote it.</param>
public sealed record ServerMessage(string Type, string? View, int Number, JsonElement Patches, string? Html, string? Url, string Json)
{
    /// <summary>Reads one message object.</summary>
    public static ServerMessage Read(JsonElement message)
    {
        string? OptionalString(string name) =>
            message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        var type = OptionalString("t") ?? throw new FormatException($"A server message without 't': {message}");
        var number = message.TryGetProperty("n", out var n) ? n.GetInt32() : 0;
        var patches = message.TryGetProperty("patches", out var p) ? p.Clone() : default;
        return new ServerMessage(type, OptionalString("view"), number, patches, OptionalString("html"), OptionalString("url"), message.GetRawText())
        {
            Rebuilt = message.TryGetProperty("rebuilt", out var rebuilt) && rebuilt.ValueKind == JsonValueKind.True,
        };
    }

    /// <summary>The optional <c>rebuilt</c> flag: the first answer after the server rebuilt the view from its record.</summary>
    public bool Rebuilt { get; init; }

    /// <summary>How many patches an update carries.</summary>
    public int PatchCount => Patches.ValueKind == JsonValueKind.Array ? Patches.GetArrayLength() : 0;
}

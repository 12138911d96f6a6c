using System.Text.Json;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

/// <summary>One server → client message of an answer or a push (docs/protocol.md, "Server → client").</summary>
/// <param name="Type">The <c>t</c> field: <c>update</c>, <c>refresh</c>, <c>location</c> or <c>error</c>.</param>
/// <param name="View">The view id (null for <c>location</c> and <c>error</c>).</param>
/// <param name="Number">The view number <c>n</c> the message brings the view to (0 when it has none).</param>
/// <param name="Patches">The patches of an <c>update</c>; <see cref="JsonValueKind.Undefined"/> otherwise.</param>
/// <param name="Html">The html of a <c>refresh</c>.</param>
/// <param name="Url">The optional <c>url</c> (the address of a <c>location</c>).</param>
/// <param name="Json">The message as the server wrote it.</param>
public sealed record ServerMessage(string Type, string? View, int Number, JsonElement Patches, string? Html, string? Url, string Json)
{
    /// <summary>The optional <c>rebuilt</c> flag: the first answer after the server rebuilt the view from its record.</summary>
    public bool Rebuilt { get; init; }

    /// <summary>The <c>code</c> of an <c>error</c> message.</summary>
    public string? Code { get; init; }

    /// <summary>The <c>reason</c> of an <c>error</c> message.</summary>
    public string? Reason { get; init; }

    /// <summary>How many patches an update carries.</summary>
    public int PatchCount => Patches.ValueKind == JsonValueKind.Array ? Patches.GetArrayLength() : 0;

    /// <summary>Reads one message object; its patches are copied out of <paramref name="message"/>'s document.</summary>
    /// <exception cref="FormatException">The message has no <c>t</c>.</exception>
    public static ServerMessage Read(JsonElement message)
    {
        string? OptionalString(string name) =>
            message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        var type = OptionalString("t") ?? throw new FormatException($"A server message without 't': {message}");
        var number = message.TryGetProperty("n", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0;
        var patches = type == MessageTypes.Update && message.TryGetProperty("patches", out var p) ? p.Clone() : default;
        return new ServerMessage(type, OptionalString("view"), number, patches, OptionalString("html"), OptionalString("url"), message.GetRawText())
        {
            Rebuilt = message.TryGetProperty("rebuilt", out var rebuilt) && rebuilt.ValueKind == JsonValueKind.True,
            Code = OptionalString("code"),
            Reason = OptionalString("reason"),
        };
    }

    /// <summary>Reads every message of a JSON array.</summary>
    public static IReadOnlyList<ServerMessage> ReadAll(JsonElement messages) => [.. messages.EnumerateArray().Select(Read)];
}

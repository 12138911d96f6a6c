using System.Text.Json;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

/// <summary>One server → client message of an answer or a push (docs/protocol.md, "Server → client").</summary>
public sealed class ServerMessage
{
    private readonly JsonElement _message;
    private string? _json;

    private ServerMessage(JsonElement message, bool borrowed, string? knownView)
    {
        string? OptionalString(string name) =>
            message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        _message = message;
        IsBorrowed = borrowed;
        Type = message.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String
            ? KnownType(t) ?? t.GetString()!
            : throw new FormatException($"A server message without 't': {message}");
        View = message.TryGetProperty("view", out var view) && view.ValueKind == JsonValueKind.String
            ? knownView is not null && view.ValueEquals(knownView) ? knownView : view.GetString()
            : null;
        Number = message.TryGetProperty("n", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0;
        Html = OptionalString("html");
        Url = OptionalString("url");
        Rebuilt = message.TryGetProperty("rebuilt", out var rebuilt) && rebuilt.ValueKind == JsonValueKind.True;
        Code = OptionalString("code");
        Reason = OptionalString("reason");
    }

    /// <summary>The <c>t</c> field: <c>update</c>, <c>refresh</c>, <c>location</c> or <c>error</c>.</summary>
    public string Type { get; }

    /// <summary>The view id (null for <c>location</c> and <c>error</c>).</summary>
    public string? View { get; }

    /// <summary>The view number <c>n</c> the message brings the view to (0 when it has none).</summary>
    public int Number { get; }

    /// <summary>The patches of an <c>update</c>; <see cref="JsonValueKind.Undefined"/> otherwise.</summary>
    public JsonElement Patches => Type == MessageTypes.Update && _message.TryGetProperty("patches", out var patches) ? patches : default;

    /// <summary>The html of a <c>refresh</c>.</summary>
    public string? Html { get; }

    /// <summary>The optional <c>url</c> (the address of a <c>location</c>).</summary>
    public string? Url { get; }

    /// <summary>The optional <c>rebuilt</c> flag: the first answer after the server rebuilt the view from its record.</summary>
    public bool Rebuilt { get; }

    /// <summary>The <c>code</c> of an <c>error</c> message.</summary>
    public string? Code { get; }

    /// <summary>The <c>reason</c> of an <c>error</c> message.</summary>
    public string? Reason { get; }

    /// <summary>The message as the server wrote it.</summary>
    public string Json => _json ??= _message.GetRawText();

    /// <summary>How many patches an update carries.</summary>
    public int PatchCount => Patches.ValueKind == JsonValueKind.Array ? Patches.GetArrayLength() : 0;

    /// <summary>Whether the message still reads from its caller's JSON document (see <see cref="Borrow"/>).</summary>
    public bool IsBorrowed { get; }

    /// <summary>Reads one message object; it keeps its own copy of the JSON.</summary>
    /// <exception cref="FormatException">The message has no <c>t</c>.</exception>
    public static ServerMessage Read(JsonElement message) => new(message.Clone(), borrowed: false, knownView: null);

    /// <summary>Reads every message of a JSON array.</summary>
    public static IReadOnlyList<ServerMessage> ReadAll(JsonElement messages) => [.. messages.EnumerateArray().Select(Read)];

    /// <summary>
    /// Reads one message without copying it, for a caller that keeps <paramref name="message"/>'s document alive until
    /// the message is applied (a benchmark's hot path); a <see cref="ViewSequencer"/> copies what it holds back.
    /// <paramref name="knownView"/> (the view's current id) is reused rather than read again when the message names it.
    /// </summary>
    public static ServerMessage Borrow(JsonElement message, string? knownView = null) => new(message, borrowed: true, knownView);

    /// <summary>This message with its own copy of the JSON (itself unless borrowed).</summary>
    public ServerMessage Detach() => IsBorrowed ? new ServerMessage(_message.Clone(), borrowed: false, View) : this;

    /// <inheritdoc />
    public override string ToString() => Json;

    private static string? KnownType(JsonElement t) =>
        t.ValueEquals(MessageTypes.Update) ? MessageTypes.Update
        : t.ValueEquals(MessageTypes.Refresh) ? MessageTypes.Refresh
        : t.ValueEquals(MessageTypes.Location) ? MessageTypes.Location
        : t.ValueEquals(MessageTypes.Error) ? MessageTypes.Error
        : null;
}

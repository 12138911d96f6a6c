using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

/// <summary>One server → client message of an answer or a push (docs/protocol.md, "Server → client").</summary>
public sealed class ServerMessage
{
    private JsonElement _message;
    private string? _json;

    private ServerMessage()
    {
        Type = string.Empty;
    }

    private ServerMessage(JsonElement message, bool borrowed, string? knownView) => Point(message, borrowed, knownView);

    /// <summary>The <c>t</c> field: <c>update</c>, <c>refresh</c>, <c>location</c>, <c>js</c> or <c>error</c>.</summary>
    public string Type { get; private set; }

    /// <summary>The view id (null for <c>location</c> and <c>error</c>).</summary>
    public string? View { get; private set; }

    /// <summary>The view number <c>n</c> the message brings the view to (0 when it has none).</summary>
    public int Number { get; private set; }

    /// <summary>The patches of an <c>update</c>; <see cref="JsonValueKind.Undefined"/> otherwise.</summary>
    public JsonElement Patches => Type == MessageTypes.Update && _message.TryGetProperty("patches", out var patches) ? patches : default;

    /// <summary>The <c>id</c> of a <c>js</c> call (0 for other messages).</summary>
    public long CallId => Type == MessageTypes.JS && _message.TryGetProperty("id", out var id) && id.TryGetInt64(out var value) ? value : 0;

    /// <summary>The <c>fn</c> of a <c>js</c> call: the identifier of the JavaScript function (or property).</summary>
    public string? Function => Type == MessageTypes.JS && _message.TryGetProperty("fn", out var fn) ? fn.GetString() : null;

    /// <summary>The <c>args</c> of a <c>js</c> call (a JSON array); <see cref="JsonValueKind.Undefined"/> otherwise.</summary>
    public JsonElement Arguments => Type == MessageTypes.JS && _message.TryGetProperty("args", out var args) ? args : default;

    /// <summary>The <c>done</c> of a <c>js</c> message that ends a <c>dotnet</c> call: that call's id.</summary>
    public string? Done => Type == MessageTypes.JS && _message.TryGetProperty("done", out var done) ? done.GetString() : null;

    /// <summary>The <c>result</c> of a .NET call's end; <see cref="JsonValueKind.Undefined"/> otherwise.</summary>
    public JsonElement Result => Type == MessageTypes.JS && _message.TryGetProperty("result", out var result) && Done is not null ? result : default;

    /// <summary>The optional <c>head</c> of an <c>update</c> or <c>refresh</c>: the view's head content as HTML.</summary>
    public string? Head => _message.TryGetProperty("head", out var head) && head.ValueKind == JsonValueKind.String ? head.GetString() : null;

    /// <summary>The <c>html</c> of a <c>refresh</c>.</summary>
    public string? Html { get; private set; }

    /// <summary>The optional <c>url</c> (the address of a <c>location</c>).</summary>
    public string? Url { get; private set; }

    /// <summary>The optional <c>rebuilt</c> flag: the first answer after the server rebuilt the view from its record.</summary>
    public bool Rebuilt { get; private set; }

    /// <summary>The <c>code</c> of an <c>error</c> message.</summary>
    public string? Code { get; private set; }

    /// <summary>The <c>reason</c> of an <c>error</c> message.</summary>
    public string? Reason { get; private set; }

    /// <summary>The message as the server wrote it.</summary>
    public string Json => _json ??= _message.GetRawText();

    /// <summary>How many patches an update carries.</summary>
    public int PatchCount => Patches.ValueKind == JsonValueKind.Array ? Patches.GetArrayLength() : 0;

    /// <summary>Whether the message reads from its caller's JSON document (see <see cref="ServerMessageReader"/>).</summary>
    public bool IsBorrowed { get; private set; }

    /// <summary>Reads one message object; it keeps its own copy of the JSON.</summary>
    /// <exception cref="FormatException">The message has no <c>t</c>.</exception>
    public static ServerMessage Read(JsonElement message) => new(message.Clone(), borrowed: false, knownView: null);

    /// <summary>Reads every message of a JSON array.</summary>
    public static IReadOnlyList<ServerMessage> ReadAll(JsonElement messages) => [.. messages.EnumerateArray().Select(Read)];

    /// <summary>This message with its own copy of the JSON (itself unless borrowed).</summary>
    public ServerMessage Detach() => IsBorrowed ? new ServerMessage(_message.Clone(), borrowed: false, View) : this;

    /// <inheritdoc />
    public override string ToString() => Json;

    internal static ServerMessage Reusable() => new();

    // Reads the message's fields; a reader points one instance at message after message.
    [MemberNotNull(nameof(Type))]
    internal void Point(JsonElement message, bool borrowed, string? knownView)
    {
        string? OptionalString(string name) =>
            message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        _message = message;
        _json = null;
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

    private static string? KnownType(JsonElement t) =>
        t.ValueEquals(MessageTypes.Update) ? MessageTypes.Update
        : t.ValueEquals(MessageTypes.Refresh) ? MessageTypes.Refresh
        : t.ValueEquals(MessageTypes.Location) ? MessageTypes.Location
        : t.ValueEquals(MessageTypes.Error) ? MessageTypes.Error
        : t.ValueEquals(MessageTypes.JS) ? MessageTypes.JS
        : null;
}

using System.Net;
using System.Text.Json;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

/// <summary>
/// The server's answer to one request, whichever transport carried it: its status and either the messages or the
/// error. A hub result has the status long-poll would have answered (200 for an array, the error object's
/// <c>status</c> otherwise); a request that reached no server has <see cref="Unreachable"/> set and status 0.
/// </summary>
public sealed record ServerAnswer(HttpStatusCode Status, string Body, IReadOnlyList<ServerMessage> Messages, string? ErrorCode, string? ErrorReason)
{
    /// <summary>An answer with nothing in it, as a poll that timed out gives.</summary>
    public static ServerAnswer Empty { get; } = new(HttpStatusCode.OK, "[]", [], null, null);

    /// <summary>Why the request reached no server (a network error, a closed connection, an unreadable answer); null when it did.</summary>
    public string? Unreachable { get; init; }

    /// <summary>Whether the request was served (200).</summary>
    public bool IsSuccess => Status == HttpStatusCode.OK && Unreachable is null;

    /// <summary>Whether the browser retries the request: it reached no server, or the server answered 5xx (busy, store unavailable, …).</summary>
    public bool IsTransient => Unreachable is not null || (int)Status >= 500;

    /// <summary>The updates of the answer.</summary>
    public IEnumerable<ServerMessage> Updates => Messages.Where(m => m.Type == MessageTypes.Update);

    /// <summary>Reads an HTTP answer: a JSON array of messages on 200, an error object otherwise.</summary>
    /// <exception cref="FormatException">A 200 whose body is not a JSON array.</exception>
    public static ServerAnswer Read(HttpStatusCode status, string body)
    {
        if (status != HttpStatusCode.OK)
        {
            try
            {
                using var error = JsonDocument.Parse(body);
                return Error(status, body, error.RootElement);
            }
            catch (JsonException)
            {
                return new ServerAnswer(status, body, [], null, null);
            }
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? new ServerAnswer(status, body, ServerMessage.ReadAll(document.RootElement), null, null)
                : throw new FormatException($"A 200 answer must be a JSON array: {body}");
        }
        catch (JsonException e)
        {
            throw new FormatException($"A 200 answer must be a JSON array: {body}", e);
        }
    }

    /// <summary>Reads the result of a hub <c>Send</c> or <c>Watch</c>, or a <c>Receive</c> argument: an array, or an error object with its <c>status</c>.</summary>
    public static ServerAnswer ReadHub(JsonElement result)
    {
        var body = result.GetRawText();
        if (result.ValueKind == JsonValueKind.Array)
        {
            return new ServerAnswer(HttpStatusCode.OK, body, ServerMessage.ReadAll(result), null, null);
        }
        var status = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number
            ? (HttpStatusCode)s.GetInt32()
            : HttpStatusCode.InternalServerError;
        return Error(status, body, result);
    }

    /// <summary>A request that reached no server, or whose answer could not be read.</summary>
    public static ServerAnswer Failed(string why) => new(0, string.Empty, [], null, null) { Unreachable = why };

    /// <inheritdoc />
    public override string ToString() => Unreachable is { } why ? $"unreachable: {why}" : $"{(int)Status} {Body}";

    private static ServerAnswer Error(HttpStatusCode status, string body, JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("t", out var t) && t.GetString() == MessageTypes.Error
        && root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
        && root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
            ? new ServerAnswer(status, body, [], code.GetString(), reason.GetString())
            : new ServerAnswer(status, body, [], null, null);
}

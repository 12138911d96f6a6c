using System.Net;
using System.Text.Json;

namespace RazorFaces.Tests.Support;

/// <summary>The server's answer to one request: its status and either the messages or the error.</summary>
public sealed record ServerAnswer(HttpStatusCode Status, string Body, IReadOnlyList<ServerMessage> Messages, string? ErrorCode, string? ErrorReason)
{
    /// <summary>Reads an answer body: a JSON array of messages on 200, an error object otherwise.</summary>
    public static ServerAnswer Read(HttpStatusCode status, string body)
    {
        if (status != HttpStatusCode.OK)
        {
            try
            {
                using var error = JsonDocument.Parse(body);
                var root = error.RootElement;
                return root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty("t", out var t) && t.GetString() == "error"
                    && root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                    && root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
                    ? new ServerAnswer(status, body, [], code.GetString(), reason.GetString())
                    : new ServerAnswer(status, body, [], null, null);
            }
            catch (JsonException)
            {
                return new ServerAnswer(status, body, [], null, null);
            }
        }
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"A 200 answer must be a JSON array: {body}");
        }
        return new ServerAnswer(status, body, [.. document.RootElement.EnumerateArray().Select(ServerMessage.Read)], null, null);
    }

    /// <summary>Whether the request was served (200).</summary>
    public bool IsSuccess => Status == HttpStatusCode.OK;

    /// <summary>The updates of the answer.</summary>
    public IEnumerable<ServerMessage> Updates => Messages.Where(m => m.Type == "update");

    /// <inheritdoc />
    public override string ToString() => $"{(int)Status} {Body}";
}

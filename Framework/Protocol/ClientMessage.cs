using System.Text.Json;

namespace RazorFaces.Protocol;

/// <summary>A parsed, shape-checked client message (see docs/protocol.md, "Client → server").</summary>
internal sealed record ClientMessage(string Type, string ViewId)
{
    public int Number { get; init; }

    public long EventId { get; init; }

    public string Target { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    /// <summary>For <c>nav</c>: where to go. For other messages: the page the browser shows (optional), so that a view
    /// this server does not know can be started afresh on the right page.</summary>
    public string? Url { get; init; }

    public JsonElement Args { get; init; }

    /// <summary>The CSRF token, for beacons that cannot send it in a header.</summary>
    public string? Token { get; init; }
}

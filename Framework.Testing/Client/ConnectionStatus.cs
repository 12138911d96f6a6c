namespace RazorFaces.Testing.Client;

/// <summary>What the browser shows as <c>html[data-rf-status]</c> (docs/protocol.md, "Heartbeats").</summary>
public enum ConnectionStatus
{
    /// <summary>The last request was answered.</summary>
    Connected,

    /// <summary>One or two requests in a row failed (network error or 5xx) and are being retried.</summary>
    Trouble,

    /// <summary>Three or more requests in a row failed.</summary>
    Lost,

    /// <summary>The session is gone (<c>410 session-expired</c>); final.</summary>
    Expired,

    /// <summary>The server dropped this tab's view because its session has too many (<c>409 view-evicted</c>); final.</summary>
    Closed,
}

namespace RazorFaces;

/// <summary>The transport the browser client uses (see docs/protocol.md, "SignalR").</summary>
public enum ClientTransport
{
    /// <summary>SignalR when its WebSocket connects within about 2.5 s, else long-poll.</summary>
    Auto,

    /// <summary>SignalR only (reconnecting with backoff when it drops).</summary>
    SignalR,

    /// <summary>Long-poll only (needs no sticky routing and no WebSocket).</summary>
    LongPoll,
}

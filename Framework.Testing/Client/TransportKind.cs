namespace RazorFaces.Testing.Client;

/// <summary>How a <see cref="ViewClient"/> talks to the server (docs/protocol.md, "Server-initiated updates" and "SignalR").</summary>
public enum TransportKind
{
    /// <summary><c>POST /_rf/send</c> for messages, <c>GET /_rf/poll</c> for what the server initiates.</summary>
    LongPoll,

    /// <summary>The hub at <c>/_rf/hub</c> (WebSockets, JSON hub protocol): <c>Send</c>, <c>Watch</c> and the pushed <c>Receive</c>.</summary>
    SignalR,
}

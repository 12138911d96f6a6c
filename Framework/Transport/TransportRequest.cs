using Microsoft.AspNetCore.Http;
using RazorFaces.Protocol;
using RazorFaces.State;
using RazorFaces.Transport.SignalR;

namespace RazorFaces.Transport;

/// <summary>
/// Where a client message came from, as far as the session rules care: the session cookie, the CSRF token and client
/// version sent beside the message, the app's base address, and whether the answer can still set cookies.
/// </summary>
internal sealed record TransportRequest(HttpContext Context, string? Token, string? ClientVersion, bool CanSetCookies, CancellationToken Aborted)
{
    public string? SessionId => SessionCookie.IdOf(Context);

    public string BaseUri => BaseUriOf(Context.Request);

    /// <summary>The transports' names in metrics.</summary>
    public const string LongPollKind = "longpoll", SignalRKind = "signalr";

    /// <summary>The transport's name in metrics: <see cref="LongPollKind"/> or <see cref="SignalRKind"/>.</summary>
    public string Kind { get; init; } = LongPollKind;

    /// <summary>For a hub connection: the ticket its URL carried instead of the CSRF token.</summary>
    public HubTicket? Ticket { get; init; }

    /// <summary>
    /// Whether the request proves it comes from a page of <paramref name="session"/>: the CSRF token sent beside the
    /// message when there is one; otherwise the hub connection's ticket, or <paramref name="bodyToken"/>, the token a
    /// message carries itself (beacons, which cannot set headers).
    /// </summary>
    public bool Proves(SessionState session, string? bodyToken) =>
        Token is { Length: > 0 } sent
            ? CsrfToken.Matches(session, sent)
            : Ticket?.Proves(session.Meta.CsrfToken) == true || CsrfToken.Matches(session, bodyToken);

    /// <summary>An HTTP request of the long-poll transport: token and client version in headers.</summary>
    public static TransportRequest FromHttp(HttpContext context) => new(
        context,
        context.Request.Headers[ProtocolConstants.TokenHeader].ToString(),
        context.Request.Headers[ProtocolConstants.ClientVersionHeader].ToString(),
        CanSetCookies: true,
        context.RequestAborted);

    public static string BaseUriOf(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/";
}

using Microsoft.AspNetCore.Http;
using RazorFaces.Protocol;

namespace RazorFaces.Transport;

/// <summary>
/// Where a client message came from, as far as the session rules care: the session cookie, the CSRF token and client
/// version sent beside the message, the app's base address, and whether the answer can still set cookies.
/// </summary>
internal sealed record TransportRequest(HttpContext Context, string? Token, string? ClientVersion, bool CanSetCookies, CancellationToken Aborted)
{
    public string? SessionId => SessionCookie.IdOf(Context);

    public string BaseUri => BaseUriOf(Context.Request);

    /// <summary>An HTTP request of the long-poll transport: token and client version in headers.</summary>
    public static TransportRequest FromHttp(HttpContext context) => new(
        context,
        context.Request.Headers[ProtocolConstants.TokenHeader].ToString(),
        context.Request.Headers[ProtocolConstants.ClientVersionHeader].ToString(),
        CanSetCookies: true,
        context.RequestAborted);

    public static string BaseUriOf(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/";
}

using RazorFaces.State;

namespace RazorFaces.Views;

/// <summary>What a way into a view asks of <see cref="ViewSession.RunAsync{T}"/>.</summary>
/// <param name="SessionId">The session the request names (its cookie), or null.</param>
/// <param name="BaseUri">The app's base address as the browser sees it, ending in '/'.</param>
/// <param name="Aborted">The request was given up (the browser went away).</param>
internal sealed record ViewRequest(string? SessionId, string BaseUri, CancellationToken Aborted)
{
    /// <summary>A request without a live session starts one (the first GET of a page); else it answers "expired".</summary>
    public bool StartsSession { get; init; }

    /// <summary>Real use, which keeps the session alive (an event, a navigation, a page); polls, resyncs and pushes are not.</summary>
    public bool IsUse { get; init; }

    /// <summary>The transport's admission check (the CSRF token), run once the session is read, before any work.</summary>
    public Action<SessionState>? Admit { get; init; }

    /// <summary>The session cookie, when this request can still set one; null over a WebSocket.</summary>
    public ISessionCookie? Cookie { get; init; }

    /// <summary>The request's user (<c>HttpContext.User</c>); null for work no request asked for (a push).</summary>
    public System.Security.Claims.ClaimsPrincipal? User { get; init; }
}

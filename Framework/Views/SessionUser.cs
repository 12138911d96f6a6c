using System.Security.Claims;
using System.Text;
using RazorFaces.State;

namespace RazorFaces.Views;

/// <summary>
/// Who a session belongs to. A session is bound to the user it first saw signed in: signing in keeps the session's
/// beans but gives it a new id and CSRF token (no session fixation) and drops the views rendered for nobody; a
/// different user, or signing out, ends the session, so nothing rendered or stored for one user reaches another.
/// </summary>
internal static class SessionUser
{
    /// <summary>The stable key of a signed-in user (its authentication type and name identifier, else name); null for nobody.</summary>
    public static string? KeyOf(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true } identity)
        {
            return null;
        }
        var id = user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? identity.Name ?? string.Empty;
        return identity.AuthenticationType + ":" + id;
    }

    /// <summary>Everything of <paramref name="user"/> a component could look at: identities and their claims.</summary>
    public static string Fingerprint(ClaimsPrincipal user)
    {
        var text = new StringBuilder();
        foreach (var identity in user.Identities)
        {
            text.Append(identity.AuthenticationType).Append('\u001f').Append(identity.IsAuthenticated).Append('\u001e');
            foreach (var claim in identity.Claims)
            {
                text.Append(claim.Type).Append('\u001f').Append(claim.Value).Append('\u001e');
            }
        }
        return text.ToString();
    }

    /// <summary>What the session must do before serving a request of <paramref name="user"/>.</summary>
    public static SessionUserChange ChangeFor(SessionState session, ClaimsPrincipal user)
    {
        var key = KeyOf(user);
        return key == session.Meta.User ? SessionUserChange.None
            : session.Meta.User is null ? SessionUserChange.SignedIn
            : SessionUserChange.Other;
    }
}

/// <summary>How a request's user relates to its session's.</summary>
internal enum SessionUserChange
{
    /// <summary>The session's own user (or nobody, as before).</summary>
    None,

    /// <summary>Nobody before, somebody now: the session is taken over by that user under a new id and token.</summary>
    SignedIn,

    /// <summary>Another user, or nobody after somebody: the session ends.</summary>
    Other,
}

using Microsoft.AspNetCore.Http;
using RazorFaces.Protocol;
using RazorFaces.Views;

namespace RazorFaces.Transport;

/// <summary>The <c>rf-session</c> cookie of an HTTP request: read it, and set or delete it on the answer.</summary>
internal sealed class SessionCookie(HttpContext context) : ISessionCookie
{
    /// <summary>The session id the request names, or null (no cookie, or one no id can be).</summary>
    public static string? IdOf(HttpContext context) =>
        context.Request.Cookies.TryGetValue(ProtocolConstants.SessionCookie, out var id) && id is { Length: > 0 and <= 64 } ? id : null;

    public void Set(string sessionId) =>
        context.Response.Cookies.Append(ProtocolConstants.SessionCookie, sessionId, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = string.IsNullOrEmpty(context.Request.PathBase) ? "/" : context.Request.PathBase.Value,
            IsEssential = true,
        });

    public void Delete() => context.Response.Cookies.Delete(ProtocolConstants.SessionCookie);
}

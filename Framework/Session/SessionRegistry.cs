using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using RazorFaces.Hosting;
using RazorFaces.Protocol;
using RazorFaces.Views;

namespace RazorFaces.Session;

/// <summary>The browser sessions this node knows, found by the session cookie.</summary>
internal sealed class SessionRegistry(IOptions<RazorFacesOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, BrowserSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    /// <summary>The request's session, or a new one (with its cookie set on the response).</summary>
    public BrowserSession GetOrCreate(HttpContext context)
    {
        if (Find(context) is { } existing)
        {
            return existing;
        }
        var session = new BrowserSession(ViewIds.New(), ViewIds.New() + ViewIds.New(), time.GetUtcNow());
        _sessions[session.Id] = session;
        context.Response.Cookies.Append(ProtocolConstants.SessionCookie, session.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = string.IsNullOrEmpty(context.Request.PathBase) ? "/" : context.Request.PathBase.Value,
            IsEssential = true,
        });
        return session;
    }

    public BrowserSession? Find(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(ProtocolConstants.SessionCookie, out var id)
            && id is not null
            && _sessions.TryGetValue(id, out var session))
        {
            session.Touch(time.GetUtcNow());
            return session;
        }
        return null;
    }

    /// <summary>Sessions idle beyond the session timeout, removed from the registry.</summary>
    public List<BrowserSession> RemoveExpired()
    {
        var cutoff = time.GetUtcNow() - options.Value.SessionTimeout;
        var expired = new List<BrowserSession>();
        foreach (var (id, session) in _sessions)
        {
            if (session.LastAccess < cutoff && _sessions.TryRemove(id, out _))
            {
                expired.Add(session);
            }
        }
        return expired;
    }

    /// <summary>Compares tokens in constant time, so response timing does not reveal a token prefix.</summary>
    public static bool TokenMatches(BrowserSession session, string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(session.CsrfToken));
}

using System.Security.Cryptography;
using System.Text;
using RazorFaces.Protocol;
using RazorFaces.State;

namespace RazorFaces.Transport;

/// <summary>The CSRF check every client message and poll passes: the page's token must come with the request.</summary>
internal static class CsrfToken
{
    /// <summary>The admission check for a request that sent <paramref name="token"/>.</summary>
    public static Action<SessionState> Check(string? token) => session =>
    {
        if (!Matches(session, token))
        {
            throw new ProtocolException(ErrorCodes.BadToken, "The CSRF token is missing or wrong.");
        }
    };

    /// <summary>Compares tokens in constant time, so response timing does not reveal a token prefix.</summary>
    public static bool Matches(SessionState session, string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(session.Meta.CsrfToken));
}

using System.Security.Cryptography;
using System.Text;
using RazorFaces.State;

namespace RazorFaces.Transport;

/// <summary>The CSRF token every client message and poll must prove (see <see cref="TransportRequest.Proves"/>).</summary>
internal static class CsrfToken
{
    /// <summary>Compares tokens in constant time, so response timing does not reveal a token prefix.</summary>
    public static bool Matches(SessionState session, string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(session.Meta.CsrfToken));
}

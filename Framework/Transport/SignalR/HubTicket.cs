using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RazorFaces.Transport.SignalR;

/// <summary>
/// What a hub connection's URL carries instead of the CSRF token (docs/protocol.md, "Connecting"): a browser cannot
/// set headers on a WebSocket, and request URLs end up in logs. A ticket is <c>EXPIRY.MAC</c>, the MAC an HMAC-SHA256
/// of the expiry keyed with the session's CSRF token, so any node that reads the session can check it (no key to
/// share between nodes, nothing to store) and it is worth nothing once expired or without the session cookie.
/// </summary>
/// <param name="Value">The ticket as the client sent it.</param>
/// <param name="PresentedAt">When the connection was opened with it: the ticket must not have expired by then.</param>
internal readonly record struct HubTicket(string Value, DateTimeOffset PresentedAt)
{
    /// <summary>How long a ticket can open a connection. The connection itself lives on.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private const string Purpose = "rf-hub-ticket\n";
    private const int MacBytes = 32;

    /// <summary>A new ticket for the session whose CSRF token is <paramref name="csrfToken"/>.</summary>
    public static string Issue(string csrfToken, DateTimeOffset now)
    {
        var expires = (now + Lifetime).ToUnixTimeSeconds();
        return expires.ToString(CultureInfo.InvariantCulture) + "." + Base64Url.EncodeToString(Mac(csrfToken, expires));
    }

    /// <summary>Whether the ticket was issued for the session of <paramref name="csrfToken"/> and was still valid when presented.</summary>
    public bool Proves(string csrfToken)
    {
        var dot = Value.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(Value.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return false;
        }
        var presented = PresentedAt.ToUnixTimeSeconds();
        // Expired, or claiming more life than any ticket gets (a node whose clock runs far ahead issued it).
        if (presented > expires || expires - presented > 2 * (long)Lifetime.TotalSeconds)
        {
            return false;
        }
        Span<byte> mac = stackalloc byte[MacBytes + 3];
        return Base64Url.TryDecodeFromChars(Value.AsSpan(dot + 1), mac, out var written)
            && written == MacBytes
            && CryptographicOperations.FixedTimeEquals(mac[..MacBytes], Mac(csrfToken, expires));
    }

    private static byte[] Mac(string csrfToken, long expires) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(csrfToken), Encoding.UTF8.GetBytes(Purpose + expires.ToString(CultureInfo.InvariantCulture)));
}

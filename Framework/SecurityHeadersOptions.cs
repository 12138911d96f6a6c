namespace RazorFaces;

/// <summary>
/// The security headers every RazorFaces page and endpoint answers with (<see cref="RazorFacesOptions.SecurityHeaders"/>;
/// docs/security.md). Each one is sent with the value set here; null or empty leaves it out. A header the
/// application already set on a response is kept as it is.
/// </summary>
public sealed class SecurityHeadersOptions
{
    /// <summary>
    /// The default policy. The host page loads only its own script (no inline script, no eval), talks only to its own
    /// origin (fetch and WebSocket), and can be framed only by pages of its own origin. Inline styles are allowed:
    /// components write <c>style</c> attributes and updates set them, which a stricter policy would break.
    /// </summary>
    public const string DefaultContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /// <summary><c>X-Content-Type-Options</c>. Default <c>nosniff</c>.</summary>
    public string? ContentTypeOptions { get; set; } = "nosniff";

    /// <summary>
    /// <c>X-Frame-Options</c>, for browsers that do not know the policy's <c>frame-ancestors</c> (the others ignore
    /// it when the policy has one). Default <c>SAMEORIGIN</c>.
    /// </summary>
    public string? FrameOptions { get; set; } = "SAMEORIGIN";

    /// <summary><c>Content-Security-Policy</c>. Default <see cref="DefaultContentSecurityPolicy"/>.</summary>
    public string? ContentSecurityPolicy { get; set; } = DefaultContentSecurityPolicy;

    /// <summary><c>Referrer-Policy</c>. Default <c>same-origin</c>: other sites never learn which page linked to them.</summary>
    public string? ReferrerPolicy { get; set; } = "same-origin";
}

namespace RazorFaces;

/// <summary>
/// Settings of the RazorFaces server (<c>AddRazorFaces(o => ...)</c>): the page's own, plus one group per area.
/// Each area of the framework reads only its own group.
/// </summary>
public sealed class RazorFacesOptions
{
    /// <summary>Sessions: their life, their lock, how changes are found.</summary>
    public SessionOptions Sessions { get; } = new();

    /// <summary>Live views: how many, how long they stay in memory, how long an event's answer waits.</summary>
    public ViewOptions Views { get; } = new();

    /// <summary>The browser's channel: message size, polls, heartbeats, client version.</summary>
    public TransportOptions Transport { get; } = new();

    /// <summary>Server push.</summary>
    public PushOptions Push { get; } = new();

    /// <summary>This node in a cluster.</summary>
    public ClusterOptions Cluster { get; } = new();

    /// <summary>
    /// The security headers of RazorFaces pages and endpoints (nosniff, framing by the same origin only, a content
    /// security policy the client satisfies, a referrer policy); each can be changed or left out. See docs/security.md.
    /// </summary>
    public SecurityHeadersOptions SecurityHeaders { get; set; } = new();

    /// <summary>The document title of every page.</summary>
    public string Title { get; set; } = "RazorFaces";

    /// <summary>Raw HTML added to every page's head (stylesheets, meta tags). Trusted: it is not escaped.</summary>
    public string HeadHtml { get; set; } = string.Empty;

    /// <summary>
    /// Maps <c>POST /_rf/test/passivate</c>, which drops every live view from memory, as passivation does, and
    /// the session objects no live view uses any more (their state stays in the session store). For end-to-end tests only; never enable it in production.
    /// </summary>
    public bool EnableTestHooks { get; set; }
}

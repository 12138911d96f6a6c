namespace RazorFaces.Hosting;

/// <summary>Settings of the RazorFaces server (bind with <c>AddRazorFaces(o => ...)</c>).</summary>
public sealed class RazorFacesOptions
{
    /// <summary>The largest client message accepted, in bytes; larger ones get 413. Default 32 KB.</summary>
    public int MaxMessageBytes { get; set; } = 32 * 1024;

    /// <summary>How long a long-poll waits for an update before it answers empty. Default 25 s.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long an event's answer waits for an async handler to finish. Default 2 s.</summary>
    public TimeSpan EventSettleTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Live views kept per session; the least recently used beyond this are dropped. Default 16.</summary>
    public int MaxViewsPerSession { get; set; } = 16;

    /// <summary>A view not used for this long is dropped. Default 30 minutes.</summary>
    public TimeSpan ViewIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session not used for this long ends (its max inactive interval). Default 30 minutes.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many recent updates a view keeps to answer a client that missed some. Default 16.</summary>
    public int UpdateLogLength { get; set; } = 16;

    /// <summary>A live view unused for this long is dropped from memory; its state stays in the session object. Default 10 minutes.</summary>
    public TimeSpan PassivateAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How the framework finds changed beans. Default <see cref="State.ChangeDetection.Automatic"/>.</summary>
    public State.ChangeDetection ChangeDetection { get; set; } = State.ChangeDetection.Automatic;

    /// <summary>
    /// Maps <c>POST /_rf/test/passivate</c>, which drops every live view from memory (their state stays in the
    /// session objects). For end-to-end tests only; never enable it in production.
    /// </summary>
    public bool EnableTestHooks { get; set; }

    /// <summary>This node's name in a cluster (shown by the affinity cookie and the membership list). Default: machine name and process id.</summary>
    public string NodeName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// How long a request waits for another node to release a session before it answers "busy, retry". Keep it
    /// longer than <see cref="SessionLockTimeToLive"/>, so a request behind a node that died holding the lease gets
    /// the session when that lease expires instead of answering busy. Default 2 s.
    /// </summary>
    public TimeSpan SessionLockWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a session lock (the Redis lease) lives if its owner dies holding it: the longest a crashed node
    /// blocks a session. A live owner renews it every third of this while a request runs, so a slow request keeps
    /// it. Default 750 ms.
    /// </summary>
    public TimeSpan SessionLockTimeToLive { get; set; } = TimeSpan.FromMilliseconds(750);

    /// <summary>
    /// How stale the stored last-access time of a session may be: a request that changes nothing else writes it
    /// only when it is older than this (like JBoss's max-unreplicated-interval). The session then expires at
    /// most this much early. Default 10 s.
    /// </summary>
    public TimeSpan MaxUnreplicatedInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many views this node re-renders for pushes at the same time (all groups together). Pushes beyond it
    /// wait their turn in arrival order, holding no session lock, so a push to thousands of views neither floods
    /// the store with thousands of simultaneous requests nor keeps a user's click waiting behind all of them;
    /// a few dozen at once are enough to batch the store's round trips. Default 32.
    /// </summary>
    public int PushConcurrency { get; set; } = 32;

    /// <summary>Which transport the browser client uses (written on the page as <c>html[data-rf-transport]</c>). Default <see cref="ClientTransport.Auto"/>.</summary>
    public ClientTransport Transport { get; set; } = ClientTransport.Auto;

    /// <summary>
    /// How often the SignalR hub sends a keep-alive when it has nothing else to send; the client counts one missing
    /// interval as a missed heartbeat (<c>trouble</c>) and three as <c>lost</c>. Default 5 s.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Mixed into the client version that pages carry (<c>meta[name=rf-client]</c>) and that requests are checked
    /// against, so a build can declare "pages of older builds must reload" even when the client script itself did
    /// not change (a build id, say). Nodes that must serve each other's pages need the same salt. Default: none
    /// (the version is the hash of the client script).
    /// </summary>
    public string ClientVersionSalt { get; set; } = string.Empty;

    /// <summary>
    /// The security headers of RazorFaces pages and endpoints (nosniff, framing by the same origin only, a content
    /// security policy the client satisfies, a referrer policy); each can be changed or left out. See docs/security.md.
    /// </summary>
    public SecurityHeadersOptions SecurityHeaders { get; set; } = new();

    /// <summary>The document title of every page.</summary>
    public string Title { get; set; } = "RazorFaces";

    /// <summary>Raw HTML added to every page's head (stylesheets, meta tags). Trusted: it is not escaped.</summary>
    public string HeadHtml { get; set; } = string.Empty;
}

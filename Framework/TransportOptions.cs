namespace RazorFaces;

/// <summary>The browser's channel (<see cref="RazorFacesOptions.Transport"/>).</summary>
public sealed class TransportOptions
{
    /// <summary>The largest client message accepted, in bytes; larger ones get 413. Default 32 KB.</summary>
    public int MaxMessageBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// The largest chunk of a stream from the browser (an <c>InputFile</c>'s upload, an <c>IJSStreamReference</c>) one
    /// <c>POST /_rf/stream</c> may carry, in bytes; the browser sends chunks of this size, a larger one gets 413. Streams
    /// do not travel in messages, so <see cref="MaxMessageBytes"/> does not bound them. The page reads a chunk straight from
    /// its request, so the server's memory per stream does not grow with this size; a reverse proxy's body limit must
    /// let it through. Default 2 MB: fewer requests per file than small chunks (docs/performance-work.md, "Upload
    /// throughput").
    /// </summary>
    public int MaxStreamChunkBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>How long a long-poll waits for an update before it answers empty. Default 25 s.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Which transport the browser client uses (written on the page as <c>html[data-rf-transport]</c>). Default <see cref="ClientTransport.Auto"/>.</summary>
    public ClientTransport Client { get; set; } = ClientTransport.Auto;

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
}

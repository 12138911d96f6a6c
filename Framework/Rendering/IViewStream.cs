namespace RazorFaces.Rendering;

/// <summary>
/// A stream between a view and its page over <c>/_rf/stream</c>, in either direction: what the endpoint checks before it
/// lets a request touch it (docs/protocol.md, "Streams from the browser", "Streams to the browser").
/// </summary>
internal interface IViewStream
{
    /// <summary>The stream's id in <c>/_rf/stream?stream=…</c>.</summary>
    string Id { get; }

    /// <summary>What the browser must send in <c>X-RF-Token</c>: only the page that got the call knows it.</summary>
    string Secret { get; }

    /// <summary>The session whose view the stream belongs to (as of now: a session id can rotate while a stream waits).</summary>
    string SessionId { get; }

    string ViewId { get; }
}

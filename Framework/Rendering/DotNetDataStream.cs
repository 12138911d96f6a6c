using Microsoft.JSInterop;

namespace RazorFaces.Rendering;

/// <summary>
/// A .NET stream a view passed to JavaScript (<see cref="DotNetStreamReference"/>), waiting for the browser to fetch it
/// with <c>GET /_rf/stream</c> (docs/protocol.md, "Streams to the browser"). It is fetched once: the first fetch takes it
/// and copies its bytes into the answer as they are read, so the server never holds the whole stream. Not fetched within
/// the timeout, or its view gone, it is dropped. The .NET stream is disposed once sent or dropped, unless the page asked
/// to leave it open.
/// </summary>
internal sealed class DotNetDataStream : IViewStream
{
    private readonly DotNetStreamReference _reference;
    private readonly Func<string> _sessionId;
    private readonly ITimer _expiry;
    private readonly Action<DotNetDataStream> _closed;
    private int _taken;

    public DotNetDataStream(string id, string secret, Func<string> sessionId, string viewId, DotNetStreamReference reference, TimeSpan timeout, TimeProvider time, Action<DotNetDataStream> closed)
    {
        Id = id;
        Secret = secret;
        _sessionId = sessionId;
        ViewId = viewId;
        _reference = reference;
        _closed = closed;
        _expiry = time.CreateTimer(_ => Drop(), null, timeout, Timeout.InfiniteTimeSpan);
    }

    public string Id { get; }

    public string Secret { get; }

    public string SessionId => _sessionId();

    public string ViewId { get; }

    /// <summary>The number of bytes the browser will get, when the stream knows it (a seekable stream).</summary>
    public long? Length => _reference.Stream.CanSeek ? Math.Max(0, _reference.Stream.Length - _reference.Stream.Position) : null;

    /// <summary>Takes the stream for sending; false when it was taken or dropped already (a stream is fetched once).</summary>
    public bool TryTake()
    {
        if (Interlocked.Exchange(ref _taken, 1) != 0)
        {
            return false;
        }
        _expiry.Dispose();
        _closed(this);
        return true;
    }

    /// <summary>
    /// Copies the stream's bytes into <paramref name="destination"/> as they are read (call after <see cref="TryTake"/>),
    /// then disposes the stream unless the page asked to leave it open.
    /// </summary>
    public async Task SendAsync(Stream destination, CancellationToken cancellationToken)
    {
        try
        {
            await _reference.Stream.CopyToAsync(destination, cancellationToken);
        }
        finally
        {
            await CloseAsync();
        }
    }

    /// <summary>Drops the stream unless it was taken: it can no longer be fetched, and is disposed unless left open.</summary>
    public void Drop()
    {
        if (TryTake())
        {
            _ = CloseAsync();
        }
    }

    private ValueTask CloseAsync() => _reference.LeaveOpen ? ValueTask.CompletedTask : _reference.Stream.DisposeAsync();
}

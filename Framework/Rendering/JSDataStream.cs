using System.Buffers;
using System.IO.Pipelines;
using RazorFaces.Protocol;

namespace RazorFaces.Rendering;

/// <summary>
/// The .NET side of a JavaScript stream reference being read (<c>IJSStreamReference.OpenReadStreamAsync</c>): a
/// read-only stream whose bytes the browser sends in chunks, each a <c>POST /_rf/stream</c> (docs/protocol.md, "Streams
/// from the browser"). A chunk is written into a pipe and its request answered once the pipe took it, so the browser
/// sends as fast as the reader reads (the pipe pauses the writer beyond two chunks). The stream never ends early: it
/// ends (a read returns 0) only when every byte of the announced length arrived; a browser that went away, a chunk cut
/// off, a view gone or silence longer than the timeout make the next read throw.
/// </summary>
internal sealed class JSDataStream : Stream, IViewStream
{
    private const int SegmentBytes = 64 * 1024;
    private readonly Pipe _pipe;
    private readonly ITimer _silence;
    private readonly TimeSpan _timeout;
    private readonly Action<JSDataStream> _closed;
    private readonly SemaphoreSlim _chunkGate = new(1, 1);
    // The pipe's writer is not thread-safe: a chunk's writes and an end from elsewhere (timeout, view gone) take turns.
    private readonly Lock _writerLock = new();
    private readonly Func<string> _sessionId;
    private long _received;
    private long _position;
    private int _ended;

    public JSDataStream(string id, string secret, Func<string> sessionId, string viewId, long length, int chunkBytes, TimeSpan timeout, TimeProvider time, Action<JSDataStream> closed)
    {
        Id = id;
        Secret = secret;
        _sessionId = sessionId;
        ViewId = viewId;
        Length = length;
        ChunkBytes = chunkBytes;
        _timeout = timeout;
        _closed = closed;
        // Two whole chunks may wait unread; the chunk after them is answered once the reader took one. Segments of 64 KB
        // rather than the pipe's 4 KB: a chunk is copied in 8 pieces instead of 128, and a page's 64 KB read takes one
        // (measured: 15% less CPU per upload, docs/performance-work.md "Upload throughput").
        _pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 2L * chunkBytes + 1, resumeWriterThreshold: chunkBytes + 1, minimumSegmentSize: SegmentBytes, useSynchronizationContext: false));
        _silence = time.CreateTimer(_ => Fail(new TimeoutException("Did not receive any data in the allotted time.")), null, timeout, Timeout.InfiniteTimeSpan);
    }

    public string Id { get; }

    public string Secret { get; }

    public string SessionId => _sessionId();

    public string ViewId { get; }

    /// <summary>The largest chunk the browser may send in one request.</summary>
    public int ChunkBytes { get; }

    public override long Length { get; }

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    /// <summary>
    /// Takes one chunk from <paramref name="body"/>, which must start at byte <paramref name="offset"/>; answers once the
    /// pipe has room for it (back-pressure). A chunk that does not fit (wrong offset, beyond the length, larger than
    /// <see cref="ChunkBytes"/>) or that the browser did not finish sending ends the stream with an error: the reader
    /// must never see a hole.
    /// </summary>
    /// <exception cref="ProtocolException">The chunk is refused (its code says why).</exception>
    public async Task WriteChunkAsync(long offset, PipeReader body, CancellationToken cancellationToken)
    {
        if (!await _chunkGate.WaitAsync(0, CancellationToken.None))
        {
            throw Refuse(ErrorCodes.BadMessage, "Chunks of one stream must be sent one at a time.");
        }
        try
        {
            if (Volatile.Read(ref _ended) != 0)
            {
                throw new ProtocolException(ErrorCodes.UnknownStream, "The stream has ended.");
            }
            if (offset != _received)
            {
                throw Refuse(ErrorCodes.BadMessage, $"A chunk at offset {offset} arrived where offset {_received} was expected.");
            }
            _silence.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var limit = Math.Min(ChunkBytes, Length - _received);
            long taken = 0;
            while (true)
            {
                ReadResult read;
                try
                {
                    read = await body.ReadAsync(cancellationToken);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                    throw Refuse(ErrorCodes.BadMessage, "The browser stopped sending a chunk before its end.", new IOException("The browser stopped sending the stream before its end.", e));
                }
                var buffer = read.Buffer;
                if (taken + buffer.Length > limit)
                {
                    throw Refuse(ErrorCodes.TooLarge, Length - _received < ChunkBytes
                        ? $"The chunk goes beyond the stream's length of {Length} bytes."
                        : $"A chunk may be at most {ChunkBytes} bytes (RazorFacesOptions.Transport.MaxStreamChunkBytes).");
                }
                lock (_writerLock)
                {
                    if (_ended != 0)
                    {
                        throw new ProtocolException(ErrorCodes.UnknownStream, "The stream has ended.");
                    }
                    foreach (var segment in buffer)
                    {
                        _pipe.Writer.Write(segment.Span);
                    }
                }
                taken += buffer.Length;
                body.AdvanceTo(buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }
            _received += taken;
            // Waits while the reader is two chunks behind: the browser's next chunk waits for this answer.
            FlushResult flushed;
            try
            {
                flushed = await _pipe.Writer.FlushAsync(CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Ended meanwhile (the view went, the reader stopped).
                throw new ProtocolException(ErrorCodes.UnknownStream, "The stream has ended.");
            }
            if (_received == Length)
            {
                End(null);
            }
            else if (!flushed.IsCompleted)
            {
                // The silence timer runs only between chunks: a slow reader is not the browser's silence.
                _silence.Change(_timeout, Timeout.InfiniteTimeSpan);
            }
        }
        finally
        {
            _chunkGate.Release();
        }
    }

    /// <summary>
    /// Ends the stream with <paramref name="error"/>: the next read throws it (unless every byte already arrived). Null
    /// ends an empty stream.
    /// </summary>
    public void Fail(Exception? error) => End(error is null && Length != 0 ? new IOException("The stream ended early.") : error);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }
        var read = await _pipe.Reader.ReadAsync(cancellationToken);
        var data = read.Buffer;
        if (data.IsEmpty && read.IsCompleted)
        {
            // The writer completes without an error only once every announced byte arrived.
            return 0;
        }
        var count = (int)Math.Min(buffer.Length, data.Length);
        data.Slice(0, count).CopyTo(buffer.Span);
        _pipe.Reader.AdvanceTo(data.GetPosition(count));
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Read the stream asynchronously: its bytes come from the browser.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A reader that stops early: the browser's next chunk is answered unknown-stream, and it stops sending.
            End(new ObjectDisposedException(nameof(JSDataStream)));
            _pipe.Reader.Complete();
        }
        base.Dispose(disposing);
    }

    private ProtocolException Refuse(string code, string reason, Exception? error = null)
    {
        End(error ?? new IOException($"The stream was cut off: {reason}"));
        return new ProtocolException(code, reason);
    }

    private void End(Exception? error)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }
        _silence.Dispose();
        lock (_writerLock)
        {
            _pipe.Writer.Complete(error);
        }
        _closed(this);
    }
}

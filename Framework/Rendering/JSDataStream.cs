using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Http;
using RazorFaces.Protocol;

namespace RazorFaces.Rendering;

/// <summary>
/// The .NET side of a JavaScript stream reference being read (<c>IJSStreamReference.OpenReadStreamAsync</c>): a
/// read-only stream whose bytes the browser sends in chunks, each a <c>POST /_rf/stream</c> (docs/protocol.md, "Streams
/// from the browser"). The reader reads a chunk straight from its request's body, and the request is answered once the
/// reader took its last byte, so the browser sends as fast as the reader reads and the server holds no more of a stream
/// than the web server buffers of one request. The stream never ends early: it ends (a read returns 0) only when every
/// byte of the announced length arrived; a browser that went away, a chunk cut off, a view gone or silence longer than
/// the timeout make the next read throw.
/// </summary>
internal sealed class JSDataStream : Stream, IViewStream
{
    // Guards the fields below: a chunk's request, the reader and an end from elsewhere (timeout, view gone) meet here.
    private readonly Lock _lock = new();
    private readonly ITimer _silence;
    private readonly TimeSpan _timeout;
    private readonly Action<JSDataStream> _closed;
    private readonly Func<string> _sessionId;
    // The chunk whose body the reader drains; its request waits until it is released.
    private Chunk? _chunk;
    // True while the reader is inside the current chunk's body: only the reader may then release the chunk, because a
    // released chunk's request ends and the web server reuses its body.
    private bool _reading;
    // A reader waiting for the next chunk.
    private TaskCompletionSource? _arrival;
    private bool _ended;
    private Exception? _error;
    private long _received;
    private long _position;

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
    /// Hands the reader one chunk, <paramref name="body"/> of <paramref name="length"/> bytes (null: until the body ends),
    /// which must start at byte <paramref name="offset"/>; returns once the reader took all of it. A chunk that does not
    /// fit (wrong offset, beyond the length, larger than <see cref="ChunkBytes"/>, sent while another is read) or that the
    /// browser did not finish sending ends the stream with an error: the reader must never see a hole.
    /// <paramref name="aborted"/> is the request's: a browser that goes away mid-chunk fails the stream even while the
    /// reader is not reading.
    /// </summary>
    /// <exception cref="ProtocolException">The chunk is refused (its code says why).</exception>
    public async Task WriteChunkAsync(long offset, long? length, PipeReader body, CancellationToken aborted)
    {
        Chunk? chunk = null;
        TaskCompletionSource? arrival = null;
        ProtocolException? refusal = null;
        lock (_lock)
        {
            if (_ended)
            {
                throw Ended();
            }
            if (_chunk is not null)
            {
                refusal = new ProtocolException(ErrorCodes.BadMessage, "Chunks of one stream must be sent one at a time.");
            }
            else if (offset != _received)
            {
                refusal = new ProtocolException(ErrorCodes.BadMessage, $"A chunk at offset {offset} arrived where offset {_received} was expected.");
            }
            else if (length > Math.Min(ChunkBytes, Length - _received))
            {
                refusal = TooLarge();
            }
            if (refusal is null)
            {
                _chunk = chunk = new Chunk(body, length, Math.Min(ChunkBytes, Length - _received), Length - _received <= ChunkBytes);
                _silence.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                arrival = _arrival;
                _arrival = null;
            }
        }
        if (refusal is not null)
        {
            End(new IOException($"The stream was cut off: {refusal.Message}"));
            throw refusal;
        }
        arrival?.TrySetResult();
        ProtocolException? outcome;
        using (aborted.Register(static s => ((JSDataStream)s!).End(new IOException("The browser stopped sending the stream before its end.")), this))
        {
            outcome = await chunk!.Released.Task;
        }
        if (outcome is not null)
        {
            throw outcome;
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
        while (true)
        {
            Chunk? chunk;
            Task? arrival = null;
            lock (_lock)
            {
                if (_received == Length)
                {
                    return 0;
                }
                if (_ended)
                {
                    ExceptionDispatchInfo.Throw(_error ?? new IOException("The stream ended early."));
                }
                if (_reading)
                {
                    throw new InvalidOperationException("The stream is read by another read already.");
                }
                chunk = _chunk;
                if (chunk is null)
                {
                    arrival = (_arrival ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                }
                else
                {
                    _reading = true;
                }
            }
            if (chunk is null)
            {
                await arrival!.WaitAsync(cancellationToken);
                continue;
            }
            var count = await ReadChunkAsync(chunk, buffer, cancellationToken);
            if (count > 0)
            {
                return count;
            }
        }
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
            // A reader that stops early: the chunk being sent is answered unknown-stream, and the browser stops sending.
            End(new ObjectDisposedException(nameof(JSDataStream)));
        }
        base.Dispose(disposing);
    }

    // One read from the chunk's body, which the caller entered (_reading); 0 when the chunk ended without bytes for it.
    private async ValueTask<int> ReadChunkAsync(Chunk chunk, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ReadResult read;
        try
        {
            read = await chunk.Body.ReadAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The reader gave up on this read; the chunk waits for the next one.
            Leave(chunk, done: false);
            throw;
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw Cut(chunk, TooLarge(), tooLarge);
        }
        catch (Exception cut)
        {
            // The browser went away or broke the request off (an IOException, or the connection's abort).
            throw BrokenOff(chunk, cut);
        }
        var data = read.Buffer;
        if (read.IsCanceled)
        {
            // The stream ended meanwhile (End woke this read): leaving releases the chunk, and the next look throws.
            chunk.Body.AdvanceTo(data.Start);
            Leave(chunk, done: false);
            return 0;
        }
        if (chunk.Taken + data.Length > chunk.Limit)
        {
            chunk.Body.AdvanceTo(data.End);
            throw Cut(chunk, TooLarge());
        }
        if (read.IsCompleted && chunk.Taken + data.Length < chunk.Length)
        {
            chunk.Body.AdvanceTo(data.End);
            throw BrokenOff(chunk, cause: null);
        }
        var count = (int)Math.Min(buffer.Length, data.Length);
        data.Slice(0, count).CopyTo(buffer.Span);
        chunk.Body.AdvanceTo(data.GetPosition(count));
        chunk.Taken += count;
        _position += count;
        // Released as soon as its last byte is taken, without waiting to see the body's end: the browser sends the next
        // chunk while the reader works on these bytes, and a reader that stops at the stream's last byte (as InputFile's
        // stream does) never reads again. A body without a length ends where its body does, or at the stream's last
        // byte (the limit keeps it from going beyond).
        var done = chunk.Length is { } whole
            ? chunk.Taken == whole
            : (read.IsCompleted && count == data.Length) || (chunk.Last && chunk.Taken == chunk.Limit);
        Leave(chunk, done);
        return count;
    }

    private ProtocolException TooLarge() => new(ErrorCodes.TooLarge, Length - _received < ChunkBytes
        ? $"The chunk goes beyond the stream's length of {Length} bytes."
        : $"A chunk may be at most {ChunkBytes} bytes (RazorFacesOptions.Transport.MaxStreamChunkBytes).");

    // Refuses the chunk being read and ends the stream; returns what the reader throws.
    private IOException Cut(Chunk chunk, ProtocolException refusal, Exception? cause = null) =>
        Refuse(chunk, refusal, new IOException($"The stream was cut off: {refusal.Message}", cause));

    private IOException BrokenOff(Chunk chunk, Exception? cause) =>
        Refuse(chunk, new ProtocolException(ErrorCodes.BadMessage, "The browser stopped sending a chunk before its end."),
            new IOException("The browser stopped sending the stream before its end.", cause));

    private IOException Refuse(Chunk chunk, ProtocolException refusal, IOException failure)
    {
        Leave(chunk, done: false, refusal, failure);
        return failure;
    }

    // The reader left the chunk's body. The chunk's request is answered when the chunk is whole, refused, or the stream
    // ended while the reader was inside (End could not release it then); otherwise it waits for the next read. The
    // stream ends before the answer goes, so the browser's next request finds it ended.
    private void Leave(Chunk chunk, bool done, ProtocolException? refusal = null, Exception? failure = null)
    {
        bool release, complete = false;
        var answer = refusal;
        lock (_lock)
        {
            _reading = false;
            release = _chunk == chunk && (done || refusal is not null || _ended);
            if (release)
            {
                _chunk = null;
                if (refusal is null && (_ended || !done))
                {
                    answer = Ended();
                }
                else if (refusal is null)
                {
                    _received += chunk.Taken;
                    complete = _received == Length;
                    if (!complete)
                    {
                        // The silence timer runs only between chunks: a slow reader is not the browser's silence.
                        _silence.Change(_timeout, Timeout.InfiniteTimeSpan);
                    }
                }
            }
        }
        if (failure is not null || complete)
        {
            End(failure);
        }
        if (release)
        {
            chunk.Released.TrySetResult(answer);
        }
    }

    private void End(Exception? error)
    {
        Chunk? release = null, cancel = null;
        TaskCompletionSource? arrival;
        lock (_lock)
        {
            if (_ended)
            {
                return;
            }
            _ended = true;
            _error = error;
            _silence.Dispose();
            if (_reading)
            {
                cancel = _chunk;
            }
            else
            {
                release = _chunk;
                _chunk = null;
            }
            arrival = _arrival;
            _arrival = null;
        }
        // The reader is inside the chunk's body: wake its read, and it releases the chunk when it leaves.
        cancel?.Body.CancelPendingRead();
        release?.Released.TrySetResult(Ended());
        arrival?.TrySetResult();
        _closed(this);
    }

    private static ProtocolException Ended() => new(ErrorCodes.UnknownStream, "The stream has ended.");

    /// <summary>One chunk's request body, read by the reader; its request is answered when <see cref="Released"/> completes.</summary>
    private sealed class Chunk(PipeReader body, long? length, long limit, bool last)
    {
        public PipeReader Body { get; } = body;

        /// <summary>The body's announced length (<c>Content-Length</c>), if it has one.</summary>
        public long? Length { get; } = length;

        /// <summary>The most bytes the chunk may carry: the chunk limit, or what is left of the stream.</summary>
        public long Limit { get; } = limit;

        /// <summary>Whether the stream ends at <see cref="Limit"/>: no byte may follow the chunk's last.</summary>
        public bool Last { get; } = last;

        public long Taken { get; set; }

        /// <summary>Null when the chunk was taken whole; otherwise why it was refused.</summary>
        public TaskCompletionSource<ProtocolException?> Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

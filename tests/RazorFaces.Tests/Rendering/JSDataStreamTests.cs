using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Extensions.Time.Testing;
using Microsoft.JSInterop;
using RazorFaces.Protocol;
using RazorFaces.Rendering;

namespace RazorFaces.Tests.Rendering;

/// <summary>The .NET side of a stream from the browser: chunks in, bytes out, and never a partial stream read as complete.</summary>
public sealed class JSDataStreamTests
{
    private const int Chunk = 8;
    private readonly FakeTimeProvider _time = new();
    private readonly List<JSDataStream> _closed = [];

    [Fact]
    public async Task ChunksAreReassembledInOrderAndTheStreamEndsAfterTheLastByte()
    {
        var data = Enumerable.Range(0, 21).Select(i => (byte)i).ToArray();
        var stream = Open(data.Length);
        var reading = ReadAllAsync(stream);

        await stream.WriteChunkAsync(0, null, Body(data[..8]), default);
        await stream.WriteChunkAsync(8, null, Body(data[8..16]), default);
        await stream.WriteChunkAsync(16, null, Body(data[16..]), default);

        Assert.Equal(data, await reading);
        Assert.Single(_closed);
    }

    [Fact]
    public async Task AStreamFailedHalfWayThrowsInsteadOfEnding()
    {
        var stream = Open(16);
        var first = stream.WriteChunkAsync(0, null, Body(new byte[Chunk]), default);
        await ReadExactlyAsync(stream, Chunk);
        await first;

        stream.Fail(new JSDisconnectedException("gone"));

        // The bytes that did arrive are no use without the rest: the read fails at once.
        await Assert.ThrowsAsync<JSDisconnectedException>(() => ReadAllAsync(stream));
    }

    [Fact]
    public async Task ABrowserSilentForTheTimeoutFailsTheReadWithATimeout()
    {
        var stream = Open(16);
        var first = stream.WriteChunkAsync(0, null, Body(new byte[Chunk]), default);
        await ReadExactlyAsync(stream, Chunk);
        await first;
        var reading = ReadAllAsync(stream);

        _time.Advance(TimeSpan.FromSeconds(31));

        await Assert.ThrowsAsync<TimeoutException>(() => reading);
    }

    [Fact]
    public async Task AChunkCutOffMidwayFailsTheStreamWithAnIOException()
    {
        var stream = Open(16);
        var body = new Pipe();
        await body.Writer.WriteAsync(new byte[3]);
        body.Writer.Complete(new IOException("connection reset"));
        var reading = ReadAllAsync(stream);

        var refused = await Assert.ThrowsAsync<ProtocolException>(() => stream.WriteChunkAsync(0, null, body.Reader, default));

        Assert.Equal(ErrorCodes.BadMessage, refused.Code);
        await Assert.ThrowsAsync<IOException>(() => reading);
    }

    [Fact]
    public async Task ChunksBeyondTheLengthOrTheChunkLimitAreRefusedAndFailTheStream()
    {
        var tooLong = Open(10);
        var reading = ReadAllAsync(tooLong);
        await tooLong.WriteChunkAsync(0, null, Body(new byte[Chunk]), default);
        var beyond = await Assert.ThrowsAsync<ProtocolException>(() => tooLong.WriteChunkAsync(Chunk, null, Body(new byte[3]), default));
        var tooBig = Open(100);
        var readingTooBig = ReadAllAsync(tooBig);
        var overLimit = await Assert.ThrowsAsync<ProtocolException>(() => tooBig.WriteChunkAsync(0, null, Body(new byte[Chunk + 1]), default));

        Assert.Equal(ErrorCodes.TooLarge, beyond.Code);
        Assert.Equal(ErrorCodes.TooLarge, overLimit.Code);
        await Assert.ThrowsAsync<IOException>(() => reading);
        await Assert.ThrowsAsync<IOException>(() => readingTooBig);
    }

    [Fact]
    public async Task AChunkIsAnsweredOnlyOnceTheReaderTookItsLastByte()
    {
        var stream = Open(3 * Chunk);

        var first = stream.WriteChunkAsync(0, null, Body(new byte[Chunk]), default);
        Assert.False(first.IsCompleted);
        await ReadExactlyAsync(stream, Chunk - 1);
        Assert.False(first.IsCompleted);
        await ReadExactlyAsync(stream, 1);

        await first.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AChunkWithALengthIsAnsweredAtItsLastByteWithoutWaitingForItsBodyToEnd()
    {
        var data = Enumerable.Range(1, Chunk).Select(i => (byte)i).ToArray();
        var stream = Open(Chunk);
        var body = new Pipe();
        await body.Writer.WriteAsync(data);
        var chunk = stream.WriteChunkAsync(0, Chunk, body.Reader, default);

        // The reader stops at the stream's last byte and never reads again, as InputFile's stream does.
        var buffer = new byte[Chunk];
        await stream.ReadExactlyAsync(buffer);

        await chunk.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(data, buffer);
        Assert.Equal(0, await stream.ReadAsync(buffer));
    }

    [Fact]
    public async Task AChunkWithoutALengthIsAnsweredAtTheStreamsLastByteWithoutWaitingForItsBodyToEnd()
    {
        var data = Enumerable.Range(1, Chunk + 3).Select(i => (byte)i).ToArray();
        var stream = Open(data.Length);
        var first = stream.WriteChunkAsync(0, null, Body(data[..Chunk]), default);
        // The reader stops at the stream's last byte and never reads again.
        var buffer = new byte[data.Length];
        var reading = stream.ReadExactlyAsync(buffer).AsTask();
        await first.WaitAsync(TimeSpan.FromSeconds(30));

        // The last chunk's body (sent without a length) has all its bytes but has not ended yet.
        var body = new Pipe();
        await body.Writer.WriteAsync(data[Chunk..]);
        var last = stream.WriteChunkAsync(Chunk, null, body.Reader, default);
        await reading.WaitAsync(TimeSpan.FromSeconds(30));

        await last.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(data, buffer);
        Assert.Equal(0, await stream.ReadAsync(buffer));
    }

    [Fact]
    public async Task AChunkAnnouncingMoreThanIsLeftIsRefusedBeforeItsBodyIsRead()
    {
        var stream = Open(Chunk + 2);
        var first = stream.WriteChunkAsync(0, Chunk, Body(new byte[Chunk]), default);
        await ReadExactlyAsync(stream, Chunk);
        await first;

        var refused = await Assert.ThrowsAsync<ProtocolException>(() => stream.WriteChunkAsync(Chunk, 3, new Pipe().Reader, default));

        Assert.Equal(ErrorCodes.TooLarge, refused.Code);
        await Assert.ThrowsAsync<IOException>(() => ReadAllAsync(stream));
    }

    [Fact]
    public async Task AChunkWhoseBodyEndsBeforeItsLengthFailsTheStream()
    {
        var stream = Open(2 * Chunk);
        var reading = ReadAllAsync(stream);

        var refused = await Assert.ThrowsAsync<ProtocolException>(() => stream.WriteChunkAsync(0, Chunk, Body(new byte[3]), default));

        Assert.Equal(ErrorCodes.BadMessage, refused.Code);
        await Assert.ThrowsAsync<IOException>(() => reading);
    }

    [Fact]
    public async Task ASecondChunkWhileOneIsStillReadIsRefusedAndFailsTheStream()
    {
        var stream = Open(3 * Chunk);
        var first = stream.WriteChunkAsync(0, null, Body(new byte[Chunk]), default);

        var second = await Assert.ThrowsAsync<ProtocolException>(() => stream.WriteChunkAsync(Chunk, null, Body(new byte[Chunk]), default));

        Assert.Equal(ErrorCodes.BadMessage, second.Code);
        Assert.Equal(ErrorCodes.UnknownStream, (await Assert.ThrowsAsync<ProtocolException>(() => first)).Code);
        await Assert.ThrowsAsync<IOException>(() => ReadAllAsync(stream));
    }

    [Fact]
    public async Task AStreamEndedWhileTheReaderWaitsInsideAChunkWakesTheReadAndAnswersTheChunk()
    {
        var stream = Open(2 * Chunk);
        var body = new Pipe();
        var chunk = stream.WriteChunkAsync(0, null, body.Reader, default);
        var reading = stream.ReadAsync(new byte[Chunk]).AsTask();
        Assert.False(reading.IsCompleted);

        await stream.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => reading);
        Assert.Equal(ErrorCodes.UnknownStream, (await Assert.ThrowsAsync<ProtocolException>(() => chunk)).Code);
        Assert.Single(_closed);
    }

    [Fact]
    public async Task ABrowserThatGoesAwayWhileTheReaderIsBusyFailsTheStream()
    {
        var stream = Open(2 * Chunk);
        using var aborted = new CancellationTokenSource();
        var chunk = stream.WriteChunkAsync(0, null, Body(new byte[Chunk]), aborted.Token);

        await aborted.CancelAsync();

        await Assert.ThrowsAsync<ProtocolException>(() => chunk);
        var failure = await Assert.ThrowsAsync<IOException>(() => ReadAllAsync(stream));
        Assert.Contains("stopped sending", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadTheReaderCancelsLeavesTheChunkForItsNextRead()
    {
        var data = Enumerable.Range(1, Chunk).Select(i => (byte)i).ToArray();
        var stream = Open(Chunk);
        var body = new Pipe();
        var chunk = stream.WriteChunkAsync(0, null, body.Reader, default);
        using var cancel = new CancellationTokenSource();
        var cancelled = stream.ReadAsync(new byte[Chunk], cancel.Token).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await body.Writer.WriteAsync(data);
        await body.Writer.CompleteAsync();

        Assert.Equal(data, await ReadAllAsync(stream));
        await chunk;
    }

    [Fact]
    public async Task AnEmptyStreamEndsAtOnce()
    {
        var streams = new JSDataStreams(
            Microsoft.Extensions.Options.Options.Create(new TransportOptions { MaxStreamChunkBytes = Chunk }),
            Microsoft.Extensions.Options.Options.Create(new ViewOptions()), _time);

        var stream = streams.Open(() => "s", "v", 0, ended: _ => { });

        Assert.Empty(await ReadAllAsync(stream));
        Assert.Equal(0, streams.Count);
    }

    private JSDataStream Open(long length) =>
        new("id", "secret", () => "session", "view", length, Chunk, TimeSpan.FromSeconds(30), _time, _closed.Add);

    // A request body whose bytes all arrived, as the web server hands a short chunk's body to its reader.
    private static PipeReader Body(byte[] bytes)
    {
        var pipe = new Pipe();
        pipe.Writer.Write(bytes);
        pipe.Writer.Complete();
        return pipe.Reader;
    }

    private static async Task ReadExactlyAsync(Stream stream, int count) => await stream.ReadExactlyAsync(new byte[count]);

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

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

        await stream.WriteChunkAsync(0, Body(data[..8]), default);
        await stream.WriteChunkAsync(8, Body(data[8..16]), default);
        await stream.WriteChunkAsync(16, Body(data[16..]), default);

        Assert.Equal(data, await reading);
        Assert.Single(_closed);
    }

    [Fact]
    public async Task AStreamFailedHalfWayThrowsInsteadOfEnding()
    {
        var stream = Open(16);
        await stream.WriteChunkAsync(0, Body(new byte[Chunk]), default);

        stream.Fail(new JSDisconnectedException("gone"));

        // The bytes that did arrive are no use without the rest: the read fails at once.
        await Assert.ThrowsAsync<JSDisconnectedException>(() => ReadAllAsync(stream));
    }

    [Fact]
    public async Task ABrowserSilentForTheTimeoutFailsTheReadWithATimeout()
    {
        var stream = Open(16);
        await stream.WriteChunkAsync(0, Body(new byte[Chunk]), default);
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

        var refused = await Assert.ThrowsAsync<ProtocolException>(() => stream.WriteChunkAsync(0, body.Reader, default));

        Assert.Equal(ErrorCodes.BadMessage, refused.Code);
        await Assert.ThrowsAsync<IOException>(() => ReadAllAsync(stream));
    }

    [Fact]
    public async Task ChunksBeyondTheLengthOrTheChunkLimitAreRefusedAndFailTheStream()
    {
        var tooLong = Open(10);
        await tooLong.WriteChunkAsync(0, Body(new byte[Chunk]), default);
        var beyond = await Assert.ThrowsAsync<ProtocolException>(() => tooLong.WriteChunkAsync(Chunk, Body(new byte[3]), default));
        var tooBig = Open(100);
        var overLimit = await Assert.ThrowsAsync<ProtocolException>(() => tooBig.WriteChunkAsync(0, Body(new byte[Chunk + 1]), default));

        Assert.Equal(ErrorCodes.TooLarge, beyond.Code);
        Assert.Equal(ErrorCodes.TooLarge, overLimit.Code);
        await Assert.ThrowsAsync<IOException>(() => ReadAllAsync(tooLong));
        await Assert.ThrowsAsync<IOException>(() => ReadAllAsync(tooBig));
    }

    [Fact]
    public async Task AChunkWaitsUntilTheReaderHasRoomForIt()
    {
        var stream = Open(5 * Chunk);
        await stream.WriteChunkAsync(0, Body(new byte[Chunk]), default);
        await stream.WriteChunkAsync(Chunk, Body(new byte[Chunk]), default);

        // Two chunks wait unread: the third is answered only once the reader took some.
        var third = stream.WriteChunkAsync(2 * Chunk, Body(new byte[Chunk]), default);
        Assert.False(third.IsCompleted);
        var buffer = new byte[2 * Chunk];
        var read = 0;
        while (read < 2 * Chunk)
        {
            read += await stream.ReadAsync(buffer.AsMemory(read));
        }

        await third.WaitAsync(TimeSpan.FromSeconds(30));
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

    private static PipeReader Body(byte[] bytes) => PipeReader.Create(new MemoryStream(bytes));

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.JSInterop;
using RazorFaces.Protocol;
using RazorFaces.Rendering;

namespace RazorFaces.Tests.Rendering;

/// <summary>
/// A .NET stream passed to JavaScript (<see cref="DotNetStreamReference"/>): offered under an id and secret the call
/// carries, fetched once, dropped (and disposed) when not fetched in time or when its view goes.
/// </summary>
public sealed class DotNetDataStreamTests
{
    private static readonly TimeSpan Timeout = new ViewOptions().JSInteropDefaultCallTimeout;
    private readonly FakeTimeProvider _time = new();
    private readonly JSDataStreams _streams;
    private readonly List<ViewMessage> _sent = [];
    private readonly ViewJSRuntime _runtime;

    public DotNetDataStreamTests()
    {
        _streams = new JSDataStreams(Options.Create(new TransportOptions()), Options.Create(new ViewOptions()), _time);
        _runtime = new ViewJSRuntime(Options.Create(new ViewOptions()), _time, _streams, NullLogger<ViewJSRuntime>.Instance);
        _runtime.Connect(_sent.Add, _ => null, () => "session-1", "view-1");
    }

    [Fact]
    public void ACallWithAStreamArgumentCarriesWhereToFetchItBesideTheJsonThatNamesIt()
    {
        var data = new MemoryStream([1, 2, 3]);

        _ = _runtime.InvokeVoidAsync("save", "a.bin", new { content = new DotNetStreamReference(data) });

        var call = Assert.IsType<JSCallMessage>(Assert.Single(_sent));
        var (jsId, ticket) = Assert.Single(call.Streams!);
        Assert.Contains($"{{\"__dotNetStream\":{jsId}}}", call.ArgsJson, StringComparison.Ordinal);
        var stream = Assert.IsType<DotNetDataStream>(_streams.Find(ticket.Stream));
        Assert.Equal(ticket.Secret, stream.Secret);
        Assert.Equal(("session-1", "view-1"), (stream.SessionId, stream.ViewId));
        Assert.Equal(3, stream.Length);
    }

    [Fact]
    public async Task AStreamIsSentWholeOnceAndDisposedAfter()
    {
        var data = new MemoryStream(Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray());
        var stream = Offer(data, leaveOpen: false);
        var received = new MemoryStream();

        Assert.True(stream.TryTake());
        await stream.SendAsync(received, default);

        Assert.Equal(data.ToArray(), received.ToArray());
        Assert.False(data.CanRead);
        Assert.False(stream.TryTake());
        Assert.Null(_streams.Find(stream.Id));
    }

    [Fact]
    public async Task AStreamLeftOpenIsNotDisposedAfterSending()
    {
        var data = new MemoryStream([1, 2, 3]);
        var stream = Offer(data, leaveOpen: true);

        Assert.True(stream.TryTake());
        await stream.SendAsync(Stream.Null, default);

        Assert.True(data.CanRead);
    }

    [Fact]
    public void AStreamNotFetchedWithinTheCallTimeoutIsDroppedAndDisposed()
    {
        var data = new MemoryStream([1, 2, 3]);
        var stream = Offer(data, leaveOpen: false);

        _time.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.NotNull(_streams.Find(stream.Id));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(_streams.Find(stream.Id));
        Assert.False(data.CanRead);
        Assert.False(stream.TryTake());
    }

    [Fact]
    public void AStreamLeftOpenIsDroppedButNotDisposedWhenNotFetchedInTime()
    {
        var data = new MemoryStream([1, 2, 3]);
        var stream = Offer(data, leaveOpen: true);

        _time.Advance(Timeout);

        Assert.Null(_streams.Find(stream.Id));
        Assert.True(data.CanRead);
    }

    [Fact]
    public void AStreamTakenBeforeTheTimeoutIsNotDisposedByIt()
    {
        var data = new MemoryStream([1, 2, 3]);
        var stream = Offer(data, leaveOpen: false);
        Assert.True(stream.TryTake());

        _time.Advance(Timeout + Timeout);

        Assert.True(data.CanRead);
    }

    [Fact]
    public void TheViewGoingDropsAndDisposesTheStreamsItsPageDidNotFetch()
    {
        var data = new MemoryStream([1, 2, 3]);
        _ = _runtime.InvokeVoidAsync("save", new DotNetStreamReference(data));
        var ticket = Assert.Single(((JSCallMessage)Assert.Single(_sent)).Streams!).Value;

        _runtime.Disconnect();

        Assert.Null(_streams.Find(ticket.Stream));
        Assert.False(data.CanRead);
        Assert.Equal(0, _streams.Count);
    }

    [Fact]
    public async Task AStreamPassedToAViewAlreadyGoneIsDisposedAtOnceAndTheCallThrows()
    {
        var data = new MemoryStream([1, 2, 3]);
        _runtime.Disconnect();

        await Assert.ThrowsAsync<JSDisconnectedException>(() => _runtime.InvokeVoidAsync("save", new DotNetStreamReference(data)).AsTask());

        Assert.False(data.CanRead);
        Assert.Equal(0, _streams.Count);
    }

    private DotNetDataStream Offer(Stream data, bool leaveOpen) =>
        _streams.Offer(() => "session-1", "view-1", new DotNetStreamReference(data, leaveOpen), ended: _ => { });
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using RazorFaces.State;

namespace RazorFaces.Rendering;

/// <summary>
/// The streams between this node's views and their pages, by id, for <c>/_rf/stream</c>: streams from the browser a
/// view is reading now (<c>POST</c>), and .NET streams a view passed to JavaScript that wait to be fetched (<c>GET</c>).
/// A stream lives on the node whose view made it; the node affinity cookie brings the browser's requests there.
/// </summary>
internal sealed class JSDataStreams(IOptions<TransportOptions> transport, IOptions<ViewOptions> views, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IViewStream> _streams = new(StringComparer.Ordinal);

    public int Count => _streams.Count;

    /// <summary>
    /// Opens a stream of <paramref name="length"/> bytes for the view <paramref name="viewId"/> of the session
    /// <paramref name="sessionId"/> names. It waits for each chunk as long as a JavaScript call waits for its answer
    /// (<see cref="ViewOptions.JSInteropDefaultCallTimeout"/>, as Blazor Server's data streams do).
    /// </summary>
    public JSDataStream Open(Func<string> sessionId, string viewId, long length, Action<JSDataStream> ended)
    {
        var stream = new JSDataStream(
            RandomIds.New(), RandomIds.New(), sessionId, viewId, length, transport.Value.MaxStreamChunkBytes,
            views.Value.JSInteropDefaultCallTimeout, time, closed: s =>
            {
                _streams.TryRemove(KeyValuePair.Create<string, IViewStream>(s.Id, s));
                ended(s);
            });
        _streams[stream.Id] = stream;
        if (length == 0)
        {
            stream.Fail(null);
        }
        return stream;
    }

    /// <summary>
    /// Offers the .NET stream <paramref name="reference"/> names to the page of view <paramref name="viewId"/>: it waits to
    /// be fetched as long as a JavaScript call waits for its answer (<see cref="ViewOptions.JSInteropDefaultCallTimeout"/>),
    /// then is dropped.
    /// </summary>
    public DotNetDataStream Offer(Func<string> sessionId, string viewId, DotNetStreamReference reference, Action<DotNetDataStream> ended)
    {
        var stream = new DotNetDataStream(
            RandomIds.New(), RandomIds.New(), sessionId, viewId, reference, views.Value.JSInteropDefaultCallTimeout, time, closed: s =>
            {
                _streams.TryRemove(KeyValuePair.Create<string, IViewStream>(s.Id, s));
                ended(s);
            });
        _streams[stream.Id] = stream;
        return stream;
    }

    public IViewStream? Find(string id) => _streams.GetValueOrDefault(id);
}

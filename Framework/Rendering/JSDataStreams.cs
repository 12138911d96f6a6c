using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RazorFaces.State;

namespace RazorFaces.Rendering;

/// <summary>
/// The streams from the browser this node's views are reading now, by id, for <c>POST /_rf/stream</c>. A stream lives
/// on the node whose view opened it; the node affinity cookie brings the browser's chunks there.
/// </summary>
internal sealed class JSDataStreams(IOptions<TransportOptions> transport, IOptions<ViewOptions> views, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, JSDataStream> _streams = new(StringComparer.Ordinal);

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
                _streams.TryRemove(KeyValuePair.Create(s.Id, s));
                ended(s);
            });
        _streams[stream.Id] = stream;
        if (length == 0)
        {
            stream.Fail(null);
        }
        return stream;
    }

    public JSDataStream? Find(string id) => _streams.GetValueOrDefault(id);
}

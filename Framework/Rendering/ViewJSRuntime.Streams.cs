using System.Collections.Concurrent;
using Microsoft.JSInterop;
using RazorFaces.Protocol;

namespace RazorFaces.Rendering;

// Streams from .NET to the browser (DotNetStreamReference; docs/protocol.md, "Streams to the browser").
internal sealed partial class ViewJSRuntime
{
    private readonly ConcurrentDictionary<DotNetDataStream, bool> _offeredStreams = new(concurrencyLevel: 1, capacity: 1);

    // The .NET streams Microsoft.JSInterop handed over while it serialized the call (or result) about to be sent, by the
    // id it wrote as {"__dotNetStream":id}: as for byte arrays, on the same thread, just before BeginInvokeJS.
    [ThreadStatic]
    private static Dictionary<long, DotNetDataStream>? t_outgoingStreams;

    /// <summary>
    /// Microsoft.JSInterop met a <see cref="DotNetStreamReference"/> while serializing arguments or a result: the stream
    /// waits on this node under a random id and secret until the page fetches it, and the message that carries the JSON
    /// carries where to fetch it. Blazor pushes the bytes at once; here they go only when the page asks, over HTTP.
    /// </summary>
    protected override Task TransmitStreamAsync(long streamId, DotNetStreamReference dotNetStreamReference)
    {
        var stream = _streams.Offer(_sessionId, _viewId, dotNetStreamReference, ended: s => _offeredStreams.TryRemove(s, out _));
        _offeredStreams[stream] = true;
        (t_outgoingStreams ??= [])[streamId] = stream;
        return Task.CompletedTask;
    }

    // The streams the message about to be sent names; when it cannot be sent they are dropped at once.
    private static Dictionary<long, DotNetStreamTicket>? TakeOutgoingStreams(bool sending)
    {
        var streams = t_outgoingStreams;
        t_outgoingStreams = null;
        if (streams is null)
        {
            return null;
        }
        if (!sending)
        {
            foreach (var stream in streams.Values)
            {
                stream.Drop();
            }
            return null;
        }
        return streams.ToDictionary(s => s.Key, s => new DotNetStreamTicket(s.Value.Id, s.Value.Secret));
    }

    // The view is gone: streams its page did not fetch can no longer be.
    private void DropOfferedStreams()
    {
        foreach (var stream in _offeredStreams.Keys)
        {
            stream.Drop();
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using RazorFaces.Cluster;
using RazorFaces.Protocol;
using RazorFaces.Rendering;

namespace RazorFaces.Transport;

/// <summary>
/// <c>/_rf/stream</c>, the streams between a view and its page. <c>POST /_rf/stream?view=…&amp;stream=…&amp;offset=…</c>
/// is one chunk of a stream from the browser that a view is reading (docs/protocol.md, "Streams from the browser");
/// <c>GET /_rf/stream?view=…&amp;stream=…</c> fetches a .NET stream the view passed to JavaScript ("Streams to the
/// browser"). Neither goes through the session lock: they read and write no session state, only a stream. What proves a
/// request is the stream's secret (sent to the page in the call that carries the stream, never in a URL), the session
/// cookie and the view id the stream was made for.
/// </summary>
internal sealed class StreamEndpoint(JSDataStreams streams, ClientMessageHandler handler)
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var path = ProtocolConstants.EndpointPrefix + "/stream";
        endpoints.MapPost(path, (HttpContext context, StreamEndpoint endpoint) => endpoint.ReceiveAsync(context));
        endpoints.MapGet(path, (HttpContext context, StreamEndpoint endpoint) => endpoint.SendAsync(context));
    }

    private async Task SendAsync(HttpContext context)
    {
        var viewId = context.Request.Query["view"].ToString();
        DotNetDataStream stream;
        try
        {
            stream = Check<DotNetDataStream>(context, viewId);
            if (!stream.TryTake())
            {
                throw UnknownStream();
            }
        }
        catch (ProtocolException error)
        {
            await RefuseAsync(context, viewId, error);
            return;
        }
        NodeAffinity.Mark(context);
        var response = context.Response;
        response.ContentType = "application/octet-stream";
        response.Headers.CacheControl = "no-store";
        try
        {
            // Inside the try: a stream the page's code disposed early throws here already.
            response.ContentLength = stream.Length;
            await stream.SendAsync(response.Body, context.RequestAborted);
        }
        catch (Exception error) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The page's stream failed while being read: the browser must see a failed fetch, never a short one that
            // looks complete, so the connection is cut rather than the answer ended.
            handler.LogRejection(viewId, new ProtocolException(ErrorCodes.ViewFailed, "The .NET stream failed while it was sent.", error));
            context.Abort();
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The browser went away mid-stream; the stream was disposed all the same.
        }
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var viewId = query["view"].ToString();
        // A chunk is bounded by its stream's limit, checked as the body is read; the web server's own limit (30 MB by
        // default) must not cut a chunk the options allow. Lifted before the checks: a refused chunk's unread body is
        // then drained as any other (Kestrel gives that 5 s), not cut off with a reset that can lose the answer.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = null;
        }
        try
        {
            var stream = Check<JSDataStream>(context, viewId, body: true);
            if (!long.TryParse(query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                throw new ProtocolException(ErrorCodes.BadMessage, "A chunk needs a non-negative whole 'offset'.");
            }
            if (context.Request.ContentLength > stream.ChunkBytes)
            {
                stream.Fail(new IOException("The browser sent a chunk larger than the limit; the stream was cut off."));
                throw new ProtocolException(ErrorCodes.TooLarge, $"A chunk may be at most {stream.ChunkBytes} bytes (RazorFacesOptions.Transport.MaxStreamChunkBytes).");
            }
            await stream.WriteChunkAsync(offset, context.Request.ContentLength, context.Request.BodyReader, context.RequestAborted);
            NodeAffinity.Mark(context);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            context.Response.Headers.CacheControl = "no-store";
        }
        catch (ProtocolException error)
        {
            await RefuseAsync(context, viewId, error);
        }
    }

    private async Task RefuseAsync(HttpContext context, string viewId, ProtocolException error)
    {
        handler.LogRejection(viewId, error);
        if (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            await JsonAnswer.WriteAsync(context, ErrorStatus.For(error.Code), w => ServerMessageWriter.WriteError(w, error.Code, error.Message));
        }
    }

    // The request's stream, if this request may touch it. Only the page the call went to knows the secret; the cookie and
    // the view id tie it to the view that made the stream, as every message is tied to its session.
    private T Check<T>(HttpContext context, string viewId, bool body = false)
        where T : class, IViewStream
    {
        var request = context.Request;
        if (body && !IsOctetStream(request.ContentType))
        {
            throw new ProtocolException(ErrorCodes.UnsupportedMediaType, "A chunk must be sent as application/octet-stream.");
        }
        var id = request.Query["stream"].ToString();
        if (id.Length is 0 or > 64 || viewId.Length is 0 or > 64)
        {
            throw new ProtocolException(ErrorCodes.BadMessage, "A chunk needs 'view' and 'stream'.");
        }
        // A stream of the other direction is unknown too: a chunk never feeds a download, a fetch never drains an upload.
        var stream = streams.Find(id) as T ?? throw UnknownStream();
        if (!CryptographicEquals(request.Headers[ProtocolConstants.TokenHeader].ToString(), stream.Secret))
        {
            throw new ProtocolException(ErrorCodes.BadToken, "The stream's token is missing or wrong.");
        }
        if (SessionCookie.IdOf(context) != stream.SessionId || viewId != stream.ViewId)
        {
            throw new ProtocolException(ErrorCodes.ForeignView, "The stream belongs to another session or view.");
        }
        return stream;
    }

    private static bool IsOctetStream(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase);

    private static ProtocolException UnknownStream() => new(ErrorCodes.UnknownStream,
        "This node has no stream with that id (it ended, failed, was fetched already, timed out, its view went, or another node's view made it).");

    private static bool CryptographicEquals(string sent, string expected) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(sent), System.Text.Encoding.UTF8.GetBytes(expected));
}

using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using RazorFaces.Cluster;
using RazorFaces.Protocol;
using RazorFaces.Rendering;

namespace RazorFaces.Transport;

/// <summary>
/// <c>POST /_rf/stream?view=…&amp;stream=…&amp;offset=…</c>: one chunk of a stream from the browser that a view is reading
/// (docs/protocol.md, "Streams from the browser"). It does not go through the session lock: a chunk reads and writes no
/// session state, it only feeds the stream a view's code is reading. What proves it is the stream's secret (sent to the
/// page in the call that asked for the bytes, never in a URL), the session cookie and the view id it was opened for.
/// </summary>
internal sealed class StreamEndpoint(JSDataStreams streams, ClientMessageHandler handler)
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(ProtocolConstants.EndpointPrefix + "/stream",
            (HttpContext context, StreamEndpoint endpoint) => endpoint.ReceiveAsync(context));

    private async Task ReceiveAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var viewId = query["view"].ToString();
        try
        {
            var stream = Check(context, viewId);
            if (!long.TryParse(query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                throw new ProtocolException(ErrorCodes.BadMessage, "A chunk needs a non-negative whole 'offset'.");
            }
            if (context.Request.ContentLength > stream.ChunkBytes)
            {
                stream.Fail(new IOException("The browser sent a chunk larger than the limit; the stream was cut off."));
                throw new ProtocolException(ErrorCodes.TooLarge, $"A chunk may be at most {stream.ChunkBytes} bytes (RazorFacesOptions.Transport.MaxStreamChunkBytes).");
            }
            await stream.WriteChunkAsync(offset, context.Request.BodyReader, context.RequestAborted);
            NodeAffinity.Mark(context);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            context.Response.Headers.CacheControl = "no-store";
        }
        catch (ProtocolException error)
        {
            handler.LogRejection(viewId, error);
            if (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
            {
                await JsonAnswer.WriteAsync(context, ErrorStatus.For(error.Code), w => ServerMessageWriter.WriteError(w, error.Code, error.Message));
            }
        }
    }

    // The chunk's stream, if this request may feed it. Only the page the call went to knows the secret; the cookie and
    // the view id tie it to the view that opened the stream, as every message is tied to its session.
    private JSDataStream Check(HttpContext context, string viewId)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.MediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProtocolException(ErrorCodes.UnsupportedMediaType, "A chunk must be sent as application/octet-stream.");
        }
        var id = request.Query["stream"].ToString();
        if (id.Length is 0 or > 64 || viewId.Length is 0 or > 64)
        {
            throw new ProtocolException(ErrorCodes.BadMessage, "A chunk needs 'view' and 'stream'.");
        }
        var stream = streams.Find(id)
            ?? throw new ProtocolException(ErrorCodes.UnknownStream, "This node reads no stream with that id (it ended, failed, or another node's view opened it).");
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

    private static bool CryptographicEquals(string sent, string expected) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(sent), System.Text.Encoding.UTF8.GetBytes(expected));
}

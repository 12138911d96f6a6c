using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Cluster;
using RazorFaces.Diagnostics;
using RazorFaces.Protocol;

namespace RazorFaces.Transport;

/// <summary>How every JSON answer of the HTTP endpoints goes out: marked with this node (stickiness), never cached.</summary>
internal static class JsonAnswer
{
    public static Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write) => WriteCoreAsync(context, status, write);

    /// <summary>A long-poll answer of server messages about view <paramref name="viewId"/>, counted in the metrics.</summary>
    public static async Task WriteMessagesAsync(HttpContext context, string viewId, IReadOnlyList<ViewMessage> messages)
    {
        var bytes = await WriteCoreAsync(context, StatusCodes.Status200OK, w => ViewMessageWriter.WriteMessages(w, viewId, messages));
        SentMessages.Record(context.RequestServices.GetService<RazorFacesMetrics>(), TransportRequest.LongPollKind, bytes, messages);
    }

    private static async Task<long> WriteCoreAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        NodeAffinity.Mark(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        long bytes;
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, PatchWriter.WriterOptions))
        {
            write(writer);
            writer.Flush();
            bytes = writer.BytesCommitted;
        }
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        return bytes;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RazorFaces.Cluster;
using RazorFaces.Protocol;

namespace RazorFaces.Transport;

/// <summary>How every JSON answer of the HTTP endpoints goes out: marked with this node (stickiness), never cached.</summary>
internal static class JsonAnswer
{
    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        NodeAffinity.Mark(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, PatchWriter.WriterOptions))
        {
            write(writer);
        }
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}

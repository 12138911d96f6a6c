using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RazorFaces.Protocol;

namespace RazorFaces.Transport;

/// <summary>
/// Serves the browser client, which the build embeds in this assembly. Serving it from the assembly (rather
/// than relying on the app's static file set-up) means every host of the library — a plain app, a test
/// server, a node of a cluster — serves the one script that matches its server code.
/// </summary>
internal static class ClientScript
{
    private static readonly Lazy<(byte[] Content, string ETag)> Script = new(Load);

    /// <summary>
    /// The version of the client this build serves (a hash of the script). Pages carry it and the client sends it
    /// back with every request, so a node of a newer build can tell a browser still running the old script.
    /// </summary>
    public static string Version => Script.Value.ETag.Trim('"');

    /// <summary>
    /// The client version pages of this server carry: <see cref="Version"/>, mixed with
    /// <see cref="TransportOptions.ClientVersionSalt"/> when one is set.
    /// </summary>
    public static string VersionFor(TransportOptions options) =>
        options.ClientVersionSalt is { Length: > 0 } salt
            ? Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Version + "\n" + salt)), 0, 8)
            : Version;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(ProtocolConstants.EndpointPrefix + "/razorfaces.js", (HttpContext context) =>
        {
            var (content, etag) = Script.Value;
            context.Response.Headers.ETag = etag;
            // Revalidate every time: after an upgrade the page must never run an old client against a new server.
            context.Response.Headers.CacheControl = "no-cache";
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            return Results.Bytes(content, "text/javascript; charset=utf-8");
        });

    private static (byte[], string) Load()
    {
        using var stream = typeof(ClientScript).Assembly.GetManifestResourceStream("razorfaces.js")
            ?? throw new InvalidOperationException("The client script is not embedded; build Framework with npm available.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var content = memory.ToArray();
        return (content, "\"" + Convert.ToHexString(SHA256.HashData(content), 0, 8) + "\"");
    }
}

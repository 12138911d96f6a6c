using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RazorFaces.Protocol;
using RazorFaces.Session;

namespace RazorFaces.Transport;

/// <summary>
/// <c>GET /_rf/session</c>, in Development only: the caller's own session as the store holds it, every field as
/// JSON whatever its stored format (MessagePack is not readable in a Redis client). Only the caller's own session,
/// found by its cookie, so it shows nothing the browser could not already ask the pages for.
/// </summary>
internal static class SessionDumpEndpoint
{
    public const string Path = ProtocolConstants.EndpointPrefix + "/session";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, async (HttpContext context, ISessionStore store) =>
        {
            if (SessionCookie.IdOf(context) is not { } id || await store.LoadAsync(id, context.RequestAborted) is not { } stored)
            {
                return Results.NotFound(new { error = "no stored session for this browser" });
            }
            return Results.Text(StoredSessionJson.Write(id, stored), "application/json; charset=utf-8");
        });
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using RazorFaces.Cluster;
using RazorFaces.Session;

namespace RazorFaces.Transport;

/// <summary>
/// <c>GET /healthz</c>: 200 when this node can serve (its session store answers), 503 while it drains or when
/// the store is down — what a load balancer's health check needs.
/// </summary>
internal static class HealthEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/healthz", async (ISessionStore store, NodeDrain drain, IOptions<ClusterOptions> options, CancellationToken cancellationToken) =>
        {
            var node = options.Value.NodeName;
            if (drain.IsDraining)
            {
                return Results.Json(new { node, status = "draining" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            try
            {
                await store.GetVersionAsync("~health", cancellationToken);
                return Results.Json(new { node, status = "ok" });
            }
            catch (SessionStoreUnavailableException e)
            {
                return Results.Json(new { node, status = "store-unavailable", reason = e.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
}

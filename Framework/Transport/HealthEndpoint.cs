using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using RazorFaces.Cluster;
using RazorFaces.Session;

namespace RazorFaces.Transport;

/// <summary>
/// <c>GET /healthz</c>: 200 when this node can serve (its session store answers, and its last heartbeat could write
/// to it), 503 while it drains, when the store is down or when it can only be read — what a load balancer's health
/// check needs.
/// </summary>
internal static class HealthEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/healthz", async (ISessionStore store, NodeDrain drain, NodeHealth health, IOptions<ClusterOptions> options, CancellationToken cancellationToken) =>
        {
            var node = options.Value.NodeName;
            if (drain.IsDraining)
            {
                return Results.Json(new { node, status = "draining" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            if (health.WriteFailure is { } failure)
            {
                return Results.Json(new { node, status = "store-cannot-write", reason = failure }, statusCode: StatusCodes.Status503ServiceUnavailable);
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

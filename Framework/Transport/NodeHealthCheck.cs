using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RazorFaces.Cluster;
using RazorFaces.Session;

namespace RazorFaces.Transport;

/// <summary>
/// Whether this node can serve: unhealthy while it drains, when its last heartbeat could not write to the session
/// store, or when the store does not answer a read. The one check behind <c>/healthz</c> and behind
/// <c>AddHealthChecks().AddRazorFaces()</c>, so an app's own health endpoint reports exactly what the load balancer
/// sees. <see cref="HealthCheckResult.Data"/> carries <c>node</c>, <c>status</c> and, when failing, <c>reason</c>.
/// </summary>
internal sealed class NodeHealthCheck(ISessionStore store, NodeDrain drain, NodeHealth health, IOptions<ClusterOptions> options) : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "razorfaces";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (drain.IsDraining)
        {
            return Result(context, "draining", "the node is shutting down");
        }
        if (health.WriteFailure is { } failure)
        {
            return Result(context, "store-cannot-write", failure);
        }
        try
        {
            await store.GetVersionAsync("~health", cancellationToken);
            return HealthCheckResult.Healthy("ok", Data("ok", null));
        }
        catch (SessionStoreUnavailableException e)
        {
            return Result(context, "store-unavailable", e.Message);
        }
    }

    private HealthCheckResult Result(HealthCheckContext context, string status, string reason) =>
        new(context.Registration.FailureStatus, reason, data: Data(status, reason));

    private Dictionary<string, object> Data(string status, string? reason)
    {
        var data = new Dictionary<string, object> { ["node"] = options.Value.NodeName, ["status"] = status };
        if (reason is not null)
        {
            data["reason"] = reason;
        }
        return data;
    }
}

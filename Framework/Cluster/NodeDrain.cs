using Microsoft.Extensions.Hosting;

namespace RazorFaces.Cluster;

/// <summary>
/// Whether this node is shutting down. From the moment the host starts stopping (SIGTERM), the health check
/// answers 503 so the load balancer sends no new work, answers clear the affinity cookie so clients move to
/// another node, and requests in flight finish normally. Nothing is invalidated: every session is in the store.
/// </summary>
internal sealed class NodeDrain
{
    /// <summary>Creates the drain flag, raised when the host starts stopping.</summary>
    public NodeDrain(IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.Register(() => IsDraining = true);

    /// <summary>True once the node has begun to stop.</summary>
    public bool IsDraining { get; private set; }
}

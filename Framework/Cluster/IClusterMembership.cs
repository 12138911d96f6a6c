namespace RazorFaces.Cluster;

/// <summary>Which nodes are alive. On one node that is just this one (<see cref="LocalClusterMembership"/>).</summary>
public interface IClusterMembership
{
    /// <summary>The nodes whose heartbeat is recent, this one included.</summary>
    Task<IReadOnlyList<NodeStatus>> GetLiveNodesAsync(CancellationToken cancellationToken = default);
}

namespace RazorFaces;

/// <summary>Which nodes are alive. On one node that is just this one ; in a cluster, the nodes whose heartbeat the store has seen lately.</summary>
public interface IClusterMembership
{
    /// <summary>The nodes whose heartbeat is recent, this one included.</summary>
    Task<IReadOnlyList<NodeStatus>> GetLiveNodesAsync(CancellationToken cancellationToken = default);
}

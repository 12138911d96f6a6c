using Microsoft.Extensions.Options;

namespace RazorFaces.Cluster;

/// <summary>A single node: the membership is this node.</summary>
internal sealed class LocalClusterMembership(IOptions<ClusterOptions> options, TimeProvider time) : IClusterMembership
{
    /// <inheritdoc />
    public Task<IReadOnlyList<NodeStatus>> GetLiveNodesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<NodeStatus>>([new NodeStatus(options.Value.NodeName, time.GetUtcNow(), IsSelf: true)]);
}

using Microsoft.Extensions.Options;
using RazorFaces.Hosting;

namespace RazorFaces.Cluster;

/// <summary>A single node: the membership is this node.</summary>
public sealed class LocalClusterMembership(IOptions<RazorFacesOptions> options, TimeProvider time) : IClusterMembership
{
    /// <inheritdoc />
    public Task<IReadOnlyList<NodeStatus>> GetLiveNodesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<NodeStatus>>([new NodeStatus(options.Value.NodeName, time.GetUtcNow(), IsSelf: true)]);
}

using RazorFaces.Tests.Support;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>
/// A whole cluster on loopback: one redis-server (or a Redis deployment the test started), N Demo.App nodes named
/// <c>node-a</c>, <c>node-b</c>, … and (optionally) haproxy in front of them. Disposing it ends every process it
/// started, whatever the test did.
/// </summary>
public sealed class DemoCluster : IAsyncDisposable
{
    private readonly ProcessOutput _nodeOutput = new();
    private readonly RedisProcess? _redis;
    private readonly RedisDeployment? _deployment;

    private DemoCluster(RedisProcess? redis, RedisDeployment? deployment)
    {
        _redis = redis;
        _deployment = deployment;
    }

    /// <summary>The cluster's own redis-server (not there when it runs on a test's deployment).</summary>
    public RedisProcess Redis => _redis ?? throw new InvalidOperationException("This cluster runs on the test's Redis deployment.");

    public IReadOnlyList<DemoNode> Nodes { get; private set; } = [];

    /// <summary>haproxy, when the cluster was started with one.</summary>
    public HaproxyProcess? Haproxy { get; private set; }

    /// <summary>Where clients go: haproxy, or the first node when there is none.</summary>
    public Uri Address => Haproxy?.Address ?? Nodes[0].Address;

    /// <param name="nodeArguments">Added to every node's command line, e.g. <c>--transport longpoll</c>.</param>
    /// <param name="blockHub">haproxy routes <c>/_rf/hub</c> to a closed port, as a proxy that blocks WebSockets would.</param>
    /// <param name="redis">A started Redis Cluster or Sentinel deployment the nodes use (the test disposes it); without it the cluster starts its own redis-server.</param>
    public static async Task<DemoCluster> StartAsync(
        int nodes, bool haproxy = true, bool sticky = true, IReadOnlyList<string>? nodeArguments = null, bool blockHub = false, RedisDeployment? redis = null)
    {
        var cluster = new DemoCluster(redis is null ? await RedisProcess.StartAsync() : null, redis);
        try
        {
            var configuration = redis?.Configuration ?? cluster.Redis.Endpoint;
            cluster.Nodes = [.. Enumerable.Range(0, nodes).Select(i => new DemoNode($"node-{(char)('a' + i)}", configuration, cluster._nodeOutput, nodeArguments))];
            await Task.WhenAll(cluster.Nodes.Select(n => n.StartAsync()));
            if (haproxy)
            {
                cluster.Haproxy = await HaproxyProcess.StartAsync(cluster.Nodes, sticky, blockHub);
                foreach (var node in cluster.Nodes)
                {
                    await cluster.Haproxy.WaitForStatusAsync(node.Name, "UP");
                }
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public DemoNode Node(string name) => Nodes.Single(n => n.Name == name);

    /// <summary>Everything the processes printed, for a failure message.</summary>
    public string Describe() =>
        $"--- nodes ---\n{_nodeOutput}\n--- redis ---\n{_redis?.Output ?? _deployment?.Output}\n--- haproxy ---\n{Haproxy?.Output}\n{Haproxy?.Configuration}";

    public async ValueTask DisposeAsync()
    {
        if (Haproxy is not null)
        {
            await Haproxy.DisposeAsync();
        }
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}

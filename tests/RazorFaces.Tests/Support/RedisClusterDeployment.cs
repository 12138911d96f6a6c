using System.Net;

namespace RazorFaces.Tests.Support;

/// <summary>
/// A Redis Cluster of three masters with <see cref="ReplicasPerMaster"/> replicas each (one by default) on
/// loopback (<c>--cluster-enabled yes</c>, joined with <c>redis-cli --cluster create --cluster-replicas N</c>), with a
/// node timeout of 1 s so a killed master's replica takes over within seconds. With replica acks on, each master needs
/// one replica more than the acks wait for (docs/cluster.md).
/// </summary>
public sealed partial class RedisClusterDeployment : RedisDeployment
{
    private const int Masters = 3;

    // A Cluster server talks to the others on its port + 10000.
    private const int ClusterBusOffset = 10000;

    /// <summary>How many replicas each master has (an init property: an xUnit fixture has one constructor, without parameters).</summary>
    public int ReplicasPerMaster { get; init; } = 1;

    private int[] _ports = [];

    public override string Configuration => string.Join(",", _ports.Select(p => $"127.0.0.1:{Text(p)}"));

    public override async Task InitializeAsync()
    {
        _ports = FreePorts(Masters * (1 + ReplicasPerMaster), companionOffset: ClusterBusOffset);
        await Task.WhenAll(_ports.Select(port => StartServerAsync(port,
            "--cluster-enabled", "yes", "--cluster-config-file", $"nodes-{Text(port)}.conf", "--cluster-node-timeout", "1000",
            // The layout stays as built: with two replicas per master, Redis would otherwise move a replica to a master
            // left without one after a kill, and "every master with its replicas" (WaitUntilWholeAsync) never holds.
            "--cluster-allow-replica-migration", "no")));
        await CliAsync(["--cluster", "create", .. _ports.Select(p => $"127.0.0.1:{Text(p)}"), "--cluster-replicas", Text(ReplicasPerMaster), "--cluster-yes"]);
        await WaitUntilAsync(async () => await IsHealthyAsync(), "every slot served");
        // A replica that has not finished its first sync cannot take over: a master killed before that would leave
        // its slots without one (CLUSTERDOWN) for good.
        await WaitUntilAsync(async () => (await NodesAsync()).Count(n => !n.IsMaster) == Masters * ReplicasPerMaster, "every replica attached");
        foreach (var replica in (await NodesAsync()).Where(n => !n.IsMaster))
        {
            await WaitUntilReplicaInSyncAsync(replica.Port);
        }
    }

    /// <summary>The port of the master serving <paramref name="slot"/> now.</summary>
    public async Task<int> MasterOfSlotAsync(int slot)
    {
        foreach (var node in await NodesAsync())
        {
            if (node.IsMaster && node.Slots.Any(r => slot >= r.From && slot <= r.To))
            {
                return node.Port;
            }
        }
        throw new InvalidOperationException($"No master serves slot {slot}.\n{Output}");
    }

    /// <summary>True when the cluster's state is ok, seen from a live node, with a master for every slot.</summary>
    public async Task<bool> IsHealthyAsync()
    {
        foreach (var port in _ports)
        {
            try
            {
                var info = await CliAsync("-p", Text(port), "cluster", "info");
                if (!info.Contains("cluster_state:ok", StringComparison.Ordinal))
                {
                    return false;
                }
                var nodes = await NodesAsync();
                return nodes.Where(n => n.IsMaster).Sum(n => n.Slots.Sum(r => r.To - r.From + 1)) == 16384
                    && nodes.Count(n => !n.IsMaster) >= 1;
            }
            catch (InvalidOperationException)
            {
                // This node is the one killed: ask the next.
            }
        }
        return false;
    }

    // Its node table says its slots went to its replica, so it rejoins as that one's replica by itself. A replica that
    // never synced cannot be promoted meanwhile: its data is too old (cluster-replica-validity-factor).
    public override async Task RestartAsReplicaAsync(int port)
    {
        await RestartAsync(port);
        await WaitUntilReplicaInSyncAsync(port);
    }

    /// <summary>The cluster is ok and every master serving slots has all <see cref="ReplicasPerMaster"/> replicas in sync.</summary>
    public override Task WaitUntilWholeAsync() =>
        WaitUntilAsync(async () =>
        {
            if (!await IsHealthyAsync())
            {
                return false;
            }
            var masters = (await NodesAsync()).Where(n => n.IsMaster && n.Slots.Count > 0).ToList();
            foreach (var master in masters)
            {
                if (await ReplicasOnlineAsync(master.Port) < ReplicasPerMaster)
                {
                    return false;
                }
            }
            return masters.Count == Masters;
        }, $"every master serving with {Text(ReplicasPerMaster)} replicas in sync");

    private async Task<List<ClusterNode>> NodesAsync()
    {
        foreach (var port in _ports)
        {
            string text;
            try
            {
                text = await CliAsync("-p", Text(port), "cluster", "nodes");
            }
            catch (InvalidOperationException)
            {
                continue;
            }
            // <id> <ip:port@cport> <flags> <master> <ping> <pong> <epoch> <link> <slot> <slot> ...
            return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).Select(parts => new ClusterNode(
                int.Parse(parts[1].Split('@')[0].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture),
                parts[2].Contains("master", StringComparison.Ordinal) && !parts[2].Contains("fail", StringComparison.Ordinal),
                [.. parts.Skip(8).Where(s => !s.StartsWith('[')).Select(s => s.Split('-')).Select(r => (From: int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture), To: int.Parse(r[^1], System.Globalization.CultureInfo.InvariantCulture)))]))];
        }
        throw new InvalidOperationException($"No cluster node answers.\n{Output}");
    }

    private sealed record ClusterNode(int Port, bool IsMaster, List<(int From, int To)> Slots);
}

namespace RazorFaces.Tests.Support;

/// <summary>
/// A primary, <see cref="Replicas"/> replicas (one by default) and three Sentinels (quorum 2) on loopback, the
/// Sentinels deciding a primary is down after 1 s. <see cref="Configuration"/> names the Sentinels and the service, as
/// an app would. With replica acks on, a deployment needs one replica more than the acks wait for, so that one is left
/// to acknowledge saves once another has been promoted (docs/cluster.md).
/// </summary>
public sealed partial class RedisSentinelDeployment : RedisDeployment
{
    /// <summary>How many replicas the primary has (an init property: an xUnit fixture has one constructor, without parameters).</summary>
    public int Replicas { get; init; } = 1;

    public const string Service = "rf-primary";

    private int[] _sentinels = [];

    public int PrimaryPort { get; private set; }

    /// <summary>The first replica's port.</summary>
    public int ReplicaPort => ReplicaPorts[0];

    public IReadOnlyList<int> ReplicaPorts { get; private set; } = [];

    public override string Configuration =>
        string.Join(",", _sentinels.Select(p => $"127.0.0.1:{Text(p)}")) + $",serviceName={Service}";

    public override async Task InitializeAsync()
    {
        var ports = FreePorts(1 + Replicas + 3);
        PrimaryPort = ports[0];
        ReplicaPorts = ports[1..(1 + Replicas)];
        _sentinels = ports[(1 + Replicas)..];
        await StartServerAsync(PrimaryPort);
        foreach (var replica in ReplicaPorts)
        {
            await StartServerAsync(replica, "--replicaof", "127.0.0.1", Text(PrimaryPort));
        }
        foreach (var port in _sentinels)
        {
            // A Sentinel rewrites its configuration file, so each has its own.
            var file = Path.Combine(Directory, $"sentinel-{Text(port)}.conf");
            await File.WriteAllTextAsync(file, $"""
                sentinel monitor {Service} 127.0.0.1 {Text(PrimaryPort)} 2
                sentinel down-after-milliseconds {Service} 1000
                sentinel failover-timeout {Service} 5000
                sentinel parallel-syncs {Service} 1

                """);
            await StartServerAsync(port, file, "--sentinel");
        }
        await WaitUntilAsync(async () => await IsReadyAsync(), "every Sentinel knows the replicas and the other Sentinels");
    }

    /// <summary>The port of the primary the Sentinels name now.</summary>
    public async Task<int> PrimaryNowAsync()
    {
        foreach (var port in _sentinels)
        {
            try
            {
                var answer = (await CliAsync("-p", Text(port), "sentinel", "get-master-addr-by-name", Service)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                return int.Parse(answer[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is InvalidOperationException or IndexOutOfRangeException or FormatException)
            {
            }
        }
        throw new InvalidOperationException($"No Sentinel names a primary.\n{Output}");
    }

    /// <summary>The port of the primary every Sentinel names now (a "not yet" while they disagree).</summary>
    public async Task<int> AgreedPrimaryAsync()
    {
        var named = new HashSet<string>();
        foreach (var port in _sentinels)
        {
            var answer = (await CliAsync("-p", Text(port), "sentinel", "get-master-addr-by-name", Service)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            named.Add(answer.Length == 2 ? answer[1].Trim() : "");
        }
        return named.Count == 1 && int.TryParse(named.Single(), System.Globalization.CultureInfo.InvariantCulture, out var primary)
            ? primary
            : throw new InvalidOperationException($"The Sentinels name different primaries: {string.Join(", ", named)}.");
    }

    /// <summary>Waits until every Sentinel names another primary than <paramref name="killed"/>, and that one accepts writes.</summary>
    public Task WaitForFailoverAsync(int killed) =>
        WaitUntilAsync(async () =>
        {
            var primary = await AgreedPrimaryAsync();
            return primary != killed && (await CliAsync("-p", Text(primary), "role")).StartsWith("master", StringComparison.Ordinal);
        }, $"the Sentinels promoted a replica in place of :{Text(killed)}");

    /// <summary>
    /// Starts the killed <paramref name="port"/> again, empty, as a replica of the current primary that no Sentinel may
    /// promote (<c>replica-priority 0</c>) until its first sync is done. Without that, a failover while it syncs (a
    /// Sentinel that could not reach the just-promoted primary within its 1 s <c>down-after</c> on a loaded machine
    /// starts one) may pick the empty server, whose link to the primary has been down only a moment, and the sync then
    /// empties every other server: all sessions lost. It happened once in a full CI run.
    /// </summary>
    public override async Task RestartAsReplicaAsync(int port)
    {
        var primary = 0;
        await WaitUntilAsync(async () => (primary = await AgreedPrimaryAsync()) != port, "the Sentinels agreeing on another primary");
        await RestartAsync(port, "--replicaof", "127.0.0.1", Text(primary), "--replica-priority", "0");
        // If the primary changes meanwhile, the Sentinels point this replica at the new one.
        await WaitUntilAsync(async () =>
        {
            var role = (await CliAsync("-p", Text(port), "role")).Split('\n', StringSplitOptions.TrimEntries);
            return role is ["slave", _, var master, "connected", ..] && master == Text(await AgreedPrimaryAsync());
        }, $"redis-server :{Text(port)} a replica in sync with the primary");
        await CliAsync("-p", Text(port), "config", "set", "replica-priority", "100");
    }

    /// <summary>Every Sentinel names the same primary, which has all <see cref="Replicas"/> in sync, and sees every replica up.</summary>
    public override Task WaitUntilWholeAsync() =>
        WaitUntilAsync(async () =>
        {
            var primary = await AgreedPrimaryAsync();
            if (await ReplicasOnlineAsync(primary) < Replicas)
            {
                return false;
            }
            foreach (var port in _sentinels)
            {
                // Flattened: name, ip:port, ip, …, flags, slave[,s_down][,disconnected], … per replica.
                var fields = (await CliAsync("-p", Text(port), "sentinel", "replicas", Service)).Split('\n', StringSplitOptions.TrimEntries);
                var upReplicas = fields.Zip(fields.Skip(1)).Count(pair => pair is ("flags", "slave"));
                if (upReplicas < Replicas)
                {
                    return false;
                }
            }
            return true;
        }, $"the primary with {Text(Replicas)} replicas in sync, every Sentinel seeing them up");

    private async Task<bool> IsReadyAsync()
    {
        foreach (var port in _sentinels)
        {
            var replicas = await CliAsync("-p", Text(port), "sentinel", "replicas", Service);
            var sentinels = await CliAsync("-p", Text(port), "sentinel", "sentinels", Service);
            if (ReplicaPorts.Any(r => !replicas.Contains(Text(r), StringComparison.Ordinal))
                || _sentinels.Where(p => p != port).Any(p => !sentinels.Contains(Text(p), StringComparison.Ordinal)))
            {
                return false;
            }
        }
        foreach (var replica in ReplicaPorts)
        {
            var replication = await CliAsync("-p", Text(replica), "info", "replication");
            if (!replication.Contains("master_link_status:up", StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}

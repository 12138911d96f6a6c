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
        PrimaryPort = FreePort();
        ReplicaPorts = [.. Enumerable.Range(0, Replicas).Select(_ => FreePort())];
        _sentinels = [FreePort(), FreePort(), FreePort()];
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

    /// <summary>Kills the current primary (SIGKILL) and waits until the Sentinels have promoted the replica.</summary>
    public async Task KillPrimaryAndWaitForFailoverAsync()
    {
        var old = await PrimaryNowAsync();
        Kill(old);
        await WaitUntilAsync(async () => await PrimaryNowAsync() != old, "a Sentinel failover");
        var promoted = await PrimaryNowAsync();
        await WaitUntilAsync(async () => (await CliAsync("-p", Text(promoted), "role")).StartsWith("master", StringComparison.Ordinal), "the new primary accepting writes");
    }

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

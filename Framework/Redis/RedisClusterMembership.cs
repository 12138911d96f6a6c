using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Session;
using RazorFaces.Redis;

namespace RazorFaces.Redis;

/// <summary>
/// Heartbeats this node into a Redis hash (node name → its last beat in Unix milliseconds, by its own clock,
/// which is good enough for a list of live nodes) and reads the live ones back. A node that stops gracefully
/// removes itself; a crashed one drops out once its heartbeat is older than three periods.
/// </summary>
internal partial class RedisClusterMembership(
    RedisConnection connection, IOptions<ClusterOptions> options, TimeProvider time, ILogger<RedisClusterMembership> logger)
    : BackgroundService, IClusterMembership
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Stale = Period * 3;

    /// <inheritdoc />
    public Task<IReadOnlyList<NodeStatus>> GetLiveNodesAsync(CancellationToken cancellationToken = default) =>
        connection.RunAsync<IReadOnlyList<NodeStatus>>(async db =>
        {
            var now = time.GetUtcNow();
            var self = options.Value.NodeName;
            return [.. (await db.HashGetAllAsync(connection.NodesKey))
                .Select(e => new NodeStatus(e.Name!, DateTimeOffset.FromUnixTimeMilliseconds((long)e.Value), e.Name == self))
                .Where(n => now - n.LastSeen < Stale)
                .OrderBy(n => n.Name, StringComparer.Ordinal)];
        });

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await connection.RunAsync(db => db.HashDeleteAsync(connection.NodesKey, options.Value.NodeName));
        }
        catch (SessionStoreUnavailableException)
        {
            // The heartbeat will go stale instead.
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                await connection.RunAsync(db => db.HashSetAsync(
                    connection.NodesKey, options.Value.NodeName, time.GetUtcNow().ToUnixTimeMilliseconds()));
            }
            catch (SessionStoreUnavailableException e)
            {
                LogHeartbeatFailed(logger, e.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster heartbeat failed: {Reason}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string reason);
}

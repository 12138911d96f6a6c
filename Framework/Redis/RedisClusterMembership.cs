using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Cluster;

namespace RazorFaces.Redis;

/// <summary>
/// Heartbeats this node into a Redis hash (node name → its last beat in Unix milliseconds, by its own clock,
/// which is good enough for a list of live nodes) and reads the live ones back. A node that stops gracefully
/// removes itself; a crashed one drops out once its heartbeat is older than three periods. The hash is one key, so
/// on a Redis Cluster it lives on one shard; losing that shard's primary only pauses the heartbeats.
/// </summary>
/// <remarks>
/// The heartbeat is also the node's probe of whether it can write: its outcome goes to <see cref="NodeHealth"/>
/// (<c>/healthz</c>). No fault of Redis, nor any other, ends the heartbeat loop: a background service that throws
/// would stop the whole host.
/// </remarks>
internal partial class RedisClusterMembership(
    RedisConnection connection, IOptions<ClusterOptions> options, NodeHealth health, TimeProvider time, ILogger<RedisClusterMembership> logger)
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
            return [.. (await db.HashGetAllAsync(connection.Keys.Nodes))
                .Select(e => new NodeStatus(e.Name!, DateTimeOffset.FromUnixTimeMilliseconds((long)e.Value), e.Name == self))
                .Where(n => now - n.LastSeen < Stale)
                .OrderBy(n => n.Name, StringComparer.Ordinal)];
        });

    /// <summary>Writes one heartbeat and records whether it worked; never throws.</summary>
    internal async Task<bool> BeatAsync()
    {
        try
        {
            await connection.RunAsync(db => db.HashSetAsync(
                connection.Keys.Nodes, options.Value.NodeName, time.GetUtcNow().ToUnixTimeMilliseconds()));
            if (health.WriteFailure is not null)
            {
                LogHeartbeatRestored(logger);
            }
            health.WriteSucceeded();
            return true;
        }
        catch (SessionStoreUnavailableException e)
        {
            health.WriteFailed(e.Message);
            LogHeartbeatFailed(logger, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            health.WriteFailed(e.Message);
            LogHeartbeatError(logger, e);
        }
        return false;
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await connection.RunAsync(db => db.HashDeleteAsync(connection.Keys.Nodes, options.Value.NodeName));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The heartbeat will go stale instead.
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: the first beat may wait for a connection.
        await Task.Yield();
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            await BeatAsync();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster heartbeat failed (this node answers /healthz 503 until one works): {Reason}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cluster heartbeat failed unexpectedly (this node answers /healthz 503 until one works).")]
    private static partial void LogHeartbeatError(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster heartbeat works again.")]
    private static partial void LogHeartbeatRestored(ILogger logger);
}

using System.Globalization;
using RazorFaces.Redis;
using RazorFaces.Tests.Support;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>
/// A Redis crash an operator recovers from, on a Redis Cluster (3 masters, 3 replicas) or behind Sentinel: the server
/// holding a session (the master of its slot, or the primary) is SIGKILLed, a replica takes over, and the dead server
/// is started again empty as a replica of the new one and synced, so the next crash finds a replica again.
/// </summary>
internal static class RedisPrimaryCrash
{
    /// <summary>The deployment a test names: <c>cluster</c> or <c>sentinel</c> (not started yet).</summary>
    public static RedisDeployment Deployment(string name) => name switch
    {
        "cluster" => new RedisClusterDeployment(),
        "sentinel" => new RedisSentinelDeployment(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "cluster or sentinel"),
    };

    /// <summary>Kills the server holding <paramref name="sessionId"/>'s session and waits until the deployment is whole again.</summary>
    /// <returns>The port of the server that was killed.</returns>
    public static async Task<int> KillAndRecoverAsync(RedisDeployment redis, string sessionId, Action<string> log)
    {
        var key = new RedisKeys("rf:").Session(sessionId);
        var victim = redis is RedisClusterDeployment c0
            ? await c0.MasterOfSlotAsync(RedisKeys.SlotOf(key))
            : await ((RedisSentinelDeployment)redis).PrimaryNowAsync();
        log($"SIGKILL redis-server :{victim}");
        redis.Kill(victim);
        if (redis is RedisClusterDeployment cluster)
        {
            await cluster.WaitUntilAsync(async () => await cluster.MasterOfSlotAsync(RedisKeys.SlotOf(key)) != victim, "a replica took over");
            await redis.RestartAsync(victim);
        }
        else
        {
            var sentinel = (RedisSentinelDeployment)redis;
            await sentinel.WaitUntilAsync(async () => await sentinel.PrimaryNowAsync() != victim, "the Sentinels promoted the replica");
            await redis.RestartAsync(victim, "--replicaof", "127.0.0.1", (await sentinel.PrimaryNowAsync()).ToString(CultureInfo.InvariantCulture));
        }
        await redis.WaitUntilReplicaInSyncAsync(victim);
        log($"redis-server :{victim} back as a replica in sync");
        return victim;
    }
}

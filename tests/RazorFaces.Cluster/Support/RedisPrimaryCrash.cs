using RazorFaces.Redis;
using RazorFaces.Tests.Support;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>
/// A Redis crash an operator recovers from, on a Redis Cluster (3 masters) or behind Sentinel, with replica acks on:
/// the server holding a session (the master of its slot, or the primary) is SIGKILLed, a replica takes over, and the
/// dead server is started again empty as a replica of the new one and synced, so the next crash finds the deployment
/// as strong as before.
/// </summary>
internal static class RedisPrimaryCrash
{
    /// <summary>The replicas every save waits for (the nodes' <c>--redis-replica-acks</c>).</summary>
    public const int ReplicaAcks = 1;

    /// <summary>What the app nodes are started with on these deployments.</summary>
    public static IReadOnlyList<string> NodeArguments { get; } = ["--redis-replica-acks", ReplicaAcks.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>
    /// The deployment a test names: <c>cluster</c> or <c>sentinel</c> (not started yet), each primary with as many
    /// replicas as the acks wait for: every replica that can be promoted has every acknowledged save. The layout with
    /// one replica more (saves go on at once after a failover), run here for a day, lost one acknowledged click behind
    /// Sentinel in one of four CI runs, cause not found (docs/cluster.md, "How many replicas to run").
    /// </summary>
    public static RedisDeployment Deployment(string name) => name switch
    {
        "cluster" => new RedisClusterDeployment { ReplicasPerMaster = ReplicaAcks },
        "sentinel" => new RedisSentinelDeployment { Replicas = ReplicaAcks },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "cluster or sentinel"),
    };

    /// <summary>Kills the server holding <paramref name="sessionId"/>'s session and waits until the deployment is whole again.</summary>
    /// <returns>The port of the server that was killed.</returns>
    public static async Task<int> KillAndRecoverAsync(RedisDeployment redis, string sessionId, Action<string> log)
    {
        var slot = RedisKeys.SlotOf(new RedisKeys("rf:").Session(sessionId));
        var cluster = redis as RedisClusterDeployment;
        var sentinel = redis as RedisSentinelDeployment;
        var victim = cluster is not null ? await cluster.MasterOfSlotAsync(slot) : await sentinel!.AgreedPrimaryAsync();
        log($"SIGKILL redis-server :{victim}");
        redis.Kill(victim);
        if (cluster is not null)
        {
            await cluster.WaitUntilAsync(async () => await cluster.MasterOfSlotAsync(slot) != victim, "a replica took over");
        }
        else
        {
            await sentinel!.WaitForFailoverAsync(victim);
        }
        log("a replica took over");
        await redis.RestartAsReplicaAsync(victim);
        await redis.WaitUntilWholeAsync();
        log($"redis-server :{victim} back as a replica in sync, the deployment whole again");
        return victim;
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RazorFaces.Cluster;
using RazorFaces.Redis;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// The cluster seams besides the store, on whatever Redis deployment a test class has: two nodes (two connections)
/// see each other's heartbeats and pushes.
/// </summary>
internal static class RedisSeams
{
    public static async Task TwoNodesSeeEachOthersHeartbeatsAndPushesAsync(string configuration)
    {
        var prefix = $"rf-seams-{Guid.NewGuid():N}:";
        using var a = new RedisConnection(configuration, prefix);
        using var b = new RedisConnection(configuration, prefix);
        var healthA = new NodeHealth();
        var nodeA = Membership(a, "node-a", healthA);
        var nodeB = Membership(b, "node-b", new NodeHealth());

        Assert.True(await nodeA.BeatAsync());
        Assert.True(await nodeB.BeatAsync());
        Assert.Null(healthA.WriteFailure);
        Assert.Equal(["node-a", "node-b"], (await nodeA.GetLiveNodesAsync()).Select(n => n.Name));

        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await new RedisClusterBus(b, NullLogger<RedisClusterBus>.Instance).SubscribeAsync("push", m =>
        {
            received.TrySetResult(m);
            return Task.CompletedTask;
        });
        await new RedisClusterBus(a, NullLogger<RedisClusterBus>.Instance).PublishAsync("push", "chat");

        Assert.Equal("chat", await received.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static RedisClusterMembership Membership(RedisConnection connection, string name, NodeHealth health) =>
        new(connection, Options.Create(new ClusterOptions { NodeName = name }), health, TimeProvider.System,
            NullLogger<RedisClusterMembership>.Instance);
}

using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RazorFaces.Redis;
using RazorFaces.Session;
using RazorFaces.Tests.Support;
using StackExchange.Redis;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// Acknowledged means durable (<see cref="RazorFacesRedisOptions.ReplicaAcks"/>): a save is answered only once enough
/// replicas have it, and is store-unavailable (503, the client retries) when they do not acknowledge in time.
/// </summary>
public sealed class RedisReplicaAckTests
{
    [Fact]
    public async Task ASaveWaitsUntilTheReplicaHasIt()
    {
        await using var primary = await RedisServer.StartAsync();
        await using var replica = await RedisServer.StartAsync("--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture));
        await WaitInSyncAsync(replica);
        using var connection = Connection(primary, acks: 1);
        var store = new RedisSessionStore(connection);
        using var reader = await ConnectionMultiplexer.ConnectAsync(replica.Configuration);
        var id = Guid.NewGuid().ToString("N");

        for (var expected = 0; expected < 20; expected++)
        {
            Assert.Equal(expected + 1, await store.SaveAsync(id, Changes(expected)));

            // Read straight from the replica, the moment the save was answered.
            var onReplica = await reader.GetDatabase().HashGetAsync(connection.Keys.Session(id), RedisSessionStore.VersionField, CommandFlags.DemandReplica);
            Assert.Equal(expected + 1, (long)onReplica);
        }
    }

    [Fact]
    public async Task ASaveThatNoReplicaAcknowledgesIsStoreUnavailableAndOneThatDoesNotAskForAcksIsNot()
    {
        await using var primary = await RedisServer.StartAsync();
        using var waiting = Connection(primary, acks: 1);
        using var plain = Connection(primary, acks: 0);

        var error = await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => new RedisSessionStore(waiting).SaveAsync(Guid.NewGuid().ToString("N"), Changes(0)));

        Assert.Contains("0 of 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await new RedisSessionStore(plain).SaveAsync(Guid.NewGuid().ToString("N"), Changes(0)));
    }

    [Fact]
    public async Task ASaveNeedsEveryOnlineReplicaAndGoesOnWithoutOneThatDied()
    {
        await using var primary = await RedisServer.StartAsync();
        var port = primary.Port.ToString(CultureInfo.InvariantCulture);
        await using var first = await RedisServer.StartAsync("--replicaof", "127.0.0.1", port);
        await using var second = await RedisServer.StartAsync("--replicaof", "127.0.0.1", port);
        await WaitInSyncAsync(first);
        await WaitInSyncAsync(second);
        using var connection = Connection(primary, acks: 1);
        using var minimumOnly = Connection(primary, acks: 1, everyOnline: false);
        var store = new RedisSessionStore(connection);
        var id = Guid.NewGuid().ToString("N");
        Assert.Equal(1, await store.SaveAsync(id, Changes(0)));

        // Frozen, the second replica is still online to the primary but acknowledges nothing: the save is refused,
        // since a failover might promote exactly that replica. Waiting for the minimum alone would take it.
        second.Signal("STOP");
        var refused = await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => store.SaveAsync(id, Changes(1)));
        Assert.Contains("1 of 2", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await new RedisSessionStore(minimumOnly).SaveAsync(Guid.NewGuid().ToString("N"), Changes(0)));

        // Dead, it no longer counts: the saves go on with the replica that is left (the refused write stayed, so the
        // version moved on; what matters is that saves are acknowledged again).
        second.Signal("KILL");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var version = (long)await ReadVersionAsync(connection, id);
            try
            {
                Assert.Equal(version + 1, await store.SaveAsync(id, Changes(version)));
                break;
            }
            catch (SessionStoreUnavailableException) when (DateTime.UtcNow < deadline)
            {
                // At most the saves already counting on the dead replica are refused.
            }
        }
    }

    private static async Task<RedisValue> ReadVersionAsync(RedisConnection connection, string id) =>
        await connection.RunAsync(db => db.HashGetAsync(connection.Keys.Session(id), RedisSessionStore.VersionField));

    private static RedisConnection Connection(RedisServer server, int acks, bool everyOnline = true) =>
        new(Options.Create(new RazorFacesRedisOptions
        {
            Configuration = server.Configuration,
            KeyPrefix = "rf-acks:",
            ReplicaAcks = acks,
            ReplicaAckTimeout = TimeSpan.FromMilliseconds(300),
            WaitForEveryOnlineReplica = everyOnline,
        }), NullLogger<RedisConnection>.Instance);

    private static async Task WaitInSyncAsync(RedisServer replica)
    {
        using var admin = await ConnectionMultiplexer.ConnectAsync(replica.Configuration + ",allowAdmin=true");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await admin.GetServer(replica.Configuration).InfoRawAsync("replication"))!.Contains("master_link_status:up", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the replica never synced");
            await Task.Delay(50);
        }
    }

    private static SessionChanges Changes(long expected) =>
        new(expected, new Dictionary<string, byte[]> { ["meta"] = Encoding.UTF8.GetBytes($"written at {expected + 1}") }, [], TimeSpan.FromMinutes(10));
}

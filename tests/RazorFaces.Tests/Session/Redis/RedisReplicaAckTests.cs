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

    private static RedisConnection Connection(RedisServer server, int acks) =>
        new(Options.Create(new RazorFacesRedisOptions
        {
            Configuration = server.Configuration,
            KeyPrefix = "rf-acks:",
            ReplicaAcks = acks,
            ReplicaAckTimeout = TimeSpan.FromMilliseconds(300),
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

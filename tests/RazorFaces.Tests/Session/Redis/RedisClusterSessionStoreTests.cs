using RazorFaces.Redis;
using RazorFaces.Session;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// The store conformance scenarios against a real Redis Cluster of three masters and three replicas: no script or
/// transaction may touch two slots (CROSSSLOT), and every key a script touches is declared.
/// </summary>
public sealed class RedisClusterSessionStoreTests(RedisClusterDeployment cluster)
    : SessionStoreConformanceTests, IClassFixture<RedisClusterDeployment>, IDisposable
{
    private RedisConnection? _connection;

    protected override TimeSpan ShortLife => TimeSpan.FromSeconds(3);

    private protected override ISessionStore CreateStore(TimeProvider time)
    {
        _connection = new RedisConnection(cluster.Configuration, "rf-test:");
        return new RedisSessionStore(_connection);
    }

    protected override Task LetTimePassAsync(TimeSpan duration) => Task.Delay(duration);

    [Fact]
    public async Task SessionsAreSpreadOverEveryMaster()
    {
        var masters = new HashSet<int>();
        var keys = new RedisKeys("rf-test:");
        for (var i = 0; i < 60; i++)
        {
            var id = NewId();
            await Store.SaveAsync(id, new SessionChanges(0, new Dictionary<string, byte[]> { ["meta"] = [1] }, [], LongLife));
            masters.Add(await cluster.MasterOfSlotAsync(RedisKeys.SlotOf(keys.Session(id))));
        }

        Assert.Equal(3, masters.Count);
    }

    [Fact]
    public Task TwoNodesSeeEachOthersHeartbeatsAndPushes() => RedisSeams.TwoNodesSeeEachOthersHeartbeatsAndPushesAsync(cluster.Configuration);

    public void Dispose() => _connection?.Dispose();
}

using RazorFaces.Redis;
using RazorFaces.Session;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// The store conformance scenarios against a primary and a replica found through three Sentinels: the node connects
/// by service name (<c>serviceName=</c>), as an app behind Sentinel would.
/// </summary>
public sealed class RedisSentinelSessionStoreTests(RedisSentinelDeployment sentinel)
    : SessionStoreConformanceTests, IClassFixture<RedisSentinelDeployment>, IDisposable
{
    private RedisConnection? _connection;

    protected override TimeSpan ShortLife => TimeSpan.FromSeconds(3);

    private protected override ISessionStore CreateStore(TimeProvider time)
    {
        _connection = new RedisConnection(sentinel.Configuration, "rf-test:");
        return new RedisSessionStore(_connection);
    }

    protected override Task LetTimePassAsync(TimeSpan duration) => Task.Delay(duration);

    [Fact]
    public Task TwoNodesSeeEachOthersHeartbeatsAndPushes() => RedisSeams.TwoNodesSeeEachOthersHeartbeatsAndPushesAsync(sentinel.Configuration);

    public void Dispose() => _connection?.Dispose();
}

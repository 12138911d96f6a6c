using RazorFaces.Session;
using RazorFaces.Redis;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>The store conformance scenarios against a real redis-server.</summary>
public sealed class RedisSessionStoreTests(RedisServer redis) : SessionStoreConformanceTests, IClassFixture<RedisServer>, IDisposable
{
    private RedisConnection? _connection;

    // Redis expires keys by its own clock, so these scenarios let real time pass.
    // Long enough that a busy CI machine (2 cores, several processes) cannot stall a step past the margin.
    protected override TimeSpan ShortLife => TimeSpan.FromSeconds(3);

    private protected override ISessionStore CreateStore(TimeProvider time)
    {
        _connection = new RedisConnection(redis.Configuration, "rf-test:");
        return new RedisSessionStore(_connection);
    }

    protected override Task LetTimePassAsync(TimeSpan duration) => Task.Delay(duration);

    [Fact]
    public Task TwoNodesSeeEachOthersHeartbeatsAndPushes() => RedisSeams.TwoNodesSeeEachOthersHeartbeatsAndPushesAsync(redis.Configuration);

    public void Dispose() => _connection?.Dispose();
}

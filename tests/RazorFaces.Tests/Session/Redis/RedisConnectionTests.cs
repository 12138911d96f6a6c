using RazorFaces.Redis;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Session.Redis;

public sealed class RedisConnectionTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly RedisConnection _connection = new(redis.Configuration, "rf-conn-test:");

    [Fact]
    public async Task WorkAfterOneRedisReplyDoesNotHoldUpWorkAfterAnother()
    {
        // Two requests' continuations must be able to run at the same time: with replies handled one after another
        // on a single thread, the first would wait here for a second that can never start.
        using var both = new Barrier(2);
        async Task<bool> RequestAsync()
        {
            await _connection.RunAsync(db => db.PingAsync());
            return both.SignalAndWait(TimeSpan.FromSeconds(15));
        }

        var results = await Task.WhenAll(RequestAsync(), RequestAsync()).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(results, Assert.True);
    }

    public void Dispose() => _connection.Dispose();
}

using System.Text;
using RazorFaces.Redis;
using RazorFaces.Session;
using RazorFaces.Tests.Support;
using StackExchange.Redis;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// The save script moves a session's deadline (and its hash's expiry) only when it moves later by more than 1% of the
/// time to live (at most 5 s), or earlier at all: most clicks of a busy user then write two commands fewer. Read back
/// from a real redis-server.
/// </summary>
public sealed class RedisDeadlineTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private static readonly TimeSpan Life = TimeSpan.FromMinutes(20);

    private readonly RedisConnection _connection = new(redis.Configuration, "rf-deadline:");

    [Fact]
    public async Task ASaveSoonAfterTheLastLeavesTheDeadlineAndTheExpiryAsTheyWere()
    {
        var (store, id) = await NewSessionAsync();
        var (deadline, expiry) = await ReadAsync(id);

        await Task.Delay(50);
        Assert.Equal(2, await store.SaveAsync(id, Changes(1, Life)));

        Assert.Equal((deadline, expiry), await ReadAsync(id));
    }

    [Fact]
    public async Task ASaveThatMovesTheDeadlineByMoreThanOnePercentOfTheTimeToLiveMovesItAndTheExpiry()
    {
        var (store, id) = await NewSessionAsync();
        var (deadline, expiry) = await ReadAsync(id);

        // 1% of 20 minutes is 12 s, more than the 5 s cap: 6 s more is past the cap.
        Assert.Equal(2, await store.SaveAsync(id, Changes(1, Life + TimeSpan.FromSeconds(6))));

        var (moved, movedExpiry) = await ReadAsync(id);
        Assert.InRange(moved - deadline, 6_000, 7_000);
        Assert.InRange(movedExpiry - expiry, 5_000, 7_000);
    }

    [Fact]
    public async Task ASaveWithAShorterTimeToLiveMovesTheDeadlineEarlierHoweverLittle()
    {
        // 3 s earlier: a move that far later would be left alone (under the 5 s cap).
        var between = System.Diagnostics.Stopwatch.StartNew();
        var (store, id) = await NewSessionAsync();
        var (deadline, _) = await ReadAsync(id);

        Assert.Equal(2, await store.SaveAsync(id, Changes(1, Life - TimeSpan.FromSeconds(3))));
        between.Stop();

        // Earlier by the 3 s less the time between the two saves (Redis's clock moved on meanwhile).
        var (moved, _) = await ReadAsync(id);
        Assert.InRange(deadline - moved, 3_000 - (long)between.Elapsed.TotalMilliseconds - 1, 3_000);
    }

    public void Dispose() => _connection.Dispose();

    private async Task<(RedisSessionStore Store, string Id)> NewSessionAsync()
    {
        var store = new RedisSessionStore(_connection);
        var id = "deadline-" + Guid.NewGuid().ToString("N");
        Assert.Equal(1, await store.SaveAsync(id, Changes(0, Life)));
        return (store, id);
    }

    // The deadline in the session's bucket and the hash's absolute expiry, both in Redis's milliseconds.
    private async Task<(long Deadline, long Expiry)> ReadAsync(string id)
    {
        var db = _connection.Multiplexer.GetDatabase();
        var deadline = await db.SortedSetScoreAsync(_connection.Keys.DeadlinesOf(id), id) ?? throw new Xunit.Sdk.XunitException("no deadline");
        var expiry = (long)await db.ExecuteAsync("PEXPIRETIME", (RedisKey)_connection.Keys.Session(id));
        return ((long)deadline, expiry);
    }

    private static SessionChanges Changes(long expected, TimeSpan life) =>
        new(expected, new Dictionary<string, byte[]> { ["meta"] = Encoding.UTF8.GetBytes($"m{expected}") }, [], life);
}

using System.Diagnostics;
using Microsoft.Extensions.Options;
using RazorFaces.Hosting;
using RazorFaces.Session;
using RazorFaces.Redis;
using RazorFaces.Tests.Support;
using StackExchange.Redis;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// The Redis session lease against a real redis-server: taken with the version read, released with the save,
/// renewed by its holder while a request runs, and lost by a holder that dies within about one time to live.
/// </summary>
public sealed class RedisSessionLeaseTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private const string Prefix = "rf-lease-test:";
    // Short, so expiry tests are quick; long enough that a renewal delayed by a busy machine rarely misses it.
    private static readonly TimeSpan TimeToLive = TimeSpan.FromMilliseconds(600);
    private static readonly TimeSpan LongLife = TimeSpan.FromMinutes(10);

    private readonly RedisConnection _connection = new(redis.Configuration, Prefix);
    private readonly ConnectionMultiplexer _inspector = ConnectionMultiplexer.Connect(redis.Configuration);

    [Fact]
    public async Task TakingTheLeaseReadsTheSessionsVersion()
    {
        var store = Store(wait: TimeSpan.Zero);
        var id = NewId();
        await using (var none = await store.AcquireAsync(id, CancellationToken.None))
        {
            Assert.Null(none!.Version);
        }
        await store.SaveAsync(id, Changes(0));
        await store.SaveAsync(id, Changes(1));

        await using var lease = await store.AcquireAsync(id, CancellationToken.None);

        Assert.Equal(2, lease!.Version);
    }

    [Fact]
    public async Task AHeldLeaseIsRefusedToAnotherAcquirerAndFreedBySaveAndRelease()
    {
        var store = Store(wait: TimeSpan.Zero);
        var id = NewId();
        await store.SaveAsync(id, Changes(0));
        await using var first = await store.AcquireAsync(id, CancellationToken.None);

        Assert.Null(await store.AcquireAsync(id, CancellationToken.None));
        Assert.Equal(2, await first!.SaveAndReleaseAsync(Changes(1)));
        await using var second = await store.AcquireAsync(id, CancellationToken.None);

        Assert.NotNull(second);
        Assert.Equal(2, second.Version);
        // The first holder's late dispose must not free the second holder's lease.
        await first.DisposeAsync();
        Assert.Null(await store.AcquireAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task ARequestHeldOpenForSeveralTimesToLiveKeepsItsLeaseAndFreesItOnRelease()
    {
        // A longer life than the other tests': a renewal that a busy machine delays by more than two thirds of the
        // life loses the lease, which is what this test must not mistake for a bug.
        var store = Store(wait: TimeSpan.Zero, timeToLive: TimeSpan.FromSeconds(1.5));
        var id = NewId();
        var holder = (RedisSessionStore.Lease)(await store.AcquireAsync(id, CancellationToken.None))!;

        // Renewed every third of the time to live: six renewals are two lives without a release.
        await Eventually.TrueAsync(() => holder.Renewals >= 6, "the holder renewed its lease six times");

        Assert.Null(await store.AcquireAsync(id, CancellationToken.None));
        Assert.False(holder.Lost);
        await holder.DisposeAsync();
        await using var next = await store.AcquireAsync(id, CancellationToken.None);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task ALeaseWhoseHolderDiesIsTakenByAnotherWithinAboutOneTimeToLive()
    {
        var id = NewId();
        // Longer than the class's: on a loaded machine a renewal 600 ms late finds its lease lapsed and stops (which
        // is right, and fenced), and this test would wait for renewals that never come.
        var timeToLive = TimeSpan.FromSeconds(2);
        var holder = (RedisSessionStore.Lease)(await Store(wait: TimeSpan.Zero, timeToLive).AcquireAsync(id, CancellationToken.None))!;
        await Eventually.TrueAsync(() => holder.Renewals >= 2, "the holder renewed its lease twice");

        // The holder stops renewing and never releases, as a SIGKILLed node would.
        holder.Abandon();
        var clock = Stopwatch.StartNew();
        await using var taker = await Store(wait: TimeSpan.FromSeconds(20), timeToLive).AcquireAsync(id, CancellationToken.None);

        Assert.NotNull(taker);
        // One time to live plus polling, asserted generously (a busy machine): far below the 20 s the taker could wait.
        Assert.True(clock.Elapsed < timeToLive * 4, $"took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task AHolderThatLostItsLeaseStopsRenewingIsFencedByTheVersionAndLeavesTheNewLeaseAlone()
    {
        // A longer time to live than the other cases': the new holder's lease must outlive the wait for the stale
        // holder's next renewal even when a loaded machine delays the new holder's renewals.
        var store = Store(wait: TimeSpan.Zero, timeToLive: TimeSpan.FromSeconds(3));
        var id = NewId();
        await store.SaveAsync(id, Changes(0));
        var stale = (RedisSessionStore.Lease)(await store.AcquireAsync(id, CancellationToken.None))!;
        // Its lease lapses (a long pause) and another node takes it and writes.
        await _inspector.GetDatabase().KeyDeleteAsync(_connection.Keys.Lease(id));
        await using var other = await store.AcquireAsync(id, CancellationToken.None);
        Assert.Equal(2, await store.SaveAsync(id, Changes(1)));

        await Eventually.TrueAsync(() => stale.Lost, "the stale holder noticed at its next renewal");
        var late = await stale.SaveAndReleaseAsync(Changes(1));

        Assert.Null(late);
        Assert.Null(await store.AcquireAsync(id, CancellationToken.None));
        Assert.Equal(2, (await store.LoadAsync(id))!.Version);
    }

    [Fact]
    public async Task SaveAndReleaseNeverResurrectsAnExpiredSession()
    {
        var store = Store(wait: TimeSpan.Zero);
        var id = NewId();
        await store.SaveAsync(id, new SessionChanges(0, Fields(), [], TimeSpan.FromMilliseconds(50)));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await store.GetVersionAsync(id) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the session never expired");
            await Task.Delay(10);
        }
        await using var lease = await store.AcquireAsync(id, CancellationToken.None);

        Assert.Null(lease!.Version);
        Assert.Null(await lease.SaveAndReleaseAsync(Changes(1)));
        Assert.Null(await store.LoadAsync(id));
        Assert.Single(await store.ClaimExpiredAsync(10));
    }

    [Fact]
    public async Task TakingALeaseFromARedisThatCannotBeReachedIsStoreUnavailable()
    {
        using var nowhere = new RedisConnection($"127.0.0.1:{FreePort()}", Prefix);
        var store = new RedisSessionStore(nowhere, Options.Create(new SessionOptions { LockWait = TimeSpan.Zero }));

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => store.AcquireAsync(NewId(), CancellationToken.None));
    }

    public void Dispose()
    {
        _connection.Dispose();
        _inspector.Dispose();
    }

    private RedisSessionStore Store(TimeSpan wait, TimeSpan? timeToLive = null) =>
        new(_connection, Options.Create(new SessionOptions { LockTimeToLive = timeToLive ?? TimeToLive, LockWait = wait }));

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static SessionChanges Changes(long expected) =>
        new(expected, Fields(("meta", $"written at {expected + 1}")), [], LongLife);

    private static Dictionary<string, byte[]> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => System.Text.Encoding.UTF8.GetBytes(f.Value), StringComparer.Ordinal);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

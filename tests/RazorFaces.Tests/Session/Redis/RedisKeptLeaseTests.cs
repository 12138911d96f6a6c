using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RazorFaces.Redis;
using RazorFaces.Session;
using RazorFaces.Tests.Support;
using StackExchange.Redis;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// Kept leases (<see cref="SessionOptions.LeaseKeepTime"/>) against a real redis-server, with nodes as separate
/// processes would be (each its own connection, liveness key, cluster bus and store): a session's next request on the
/// node that kept its lease asks Redis nothing before its save; another node asks for the lease and has it long before
/// the kept lease's own time to live; a node that dies or whose liveness key lapsed does not use a kept lease.
/// </summary>
public sealed class RedisKeptLeaseTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    // Far beyond every wait below: a lease that changes hands here was asked for or taken for dead, never expired.
    private static readonly TimeSpan KeepTime = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LongLife = TimeSpan.FromHours(1);

    private readonly string _prefix = $"rf-kept-{Guid.NewGuid():N}:";
    private readonly List<IDisposable> _owned = [];

    [Fact]
    public async Task TheNextRequestOnTheNodeThatKeptTheLeaseAsksRedisNothingBeforeItsSave()
    {
        var node = await NodeAsync("a");
        var id = await NewSessionAsync(node.Store);

        Assert.Equal(2, await SaveAsync(node.Store, id, expected: 1));
        Assert.Equal(1, node.Store.KeptCount);
        Assert.Equal(node.Liveness.Instance, NodeLiveness.InstanceOf(await LeaseValueAsync(id)));
        var scriptsBefore = await ScriptCallsAsync();
        var lease = await node.Store.AcquireAsync(id);
        var scriptsToTakeIt = await ScriptCallsAsync() - scriptsBefore;

        Assert.Equal(0, scriptsToTakeIt);
        Assert.Equal(2, lease!.Version);
        Assert.Equal(3, await lease.SaveAndReleaseAsync(Changes(2)));
        Assert.Equal(1, node.Store.KeptCount);
    }

    [Fact]
    public async Task AnotherNodeAsksForAKeptLeaseAndGetsItLongBeforeItsTimeToLive()
    {
        var a = await NodeAsync("a", wait: TimeSpan.FromSeconds(60));
        var b = await NodeAsync("b", wait: TimeSpan.FromSeconds(60));
        var id = await NewSessionAsync(a.Store);
        Assert.Equal(2, await SaveAsync(a.Store, id, expected: 1));
        Assert.Equal(1, a.Store.KeptCount);

        // B finds the lease held by a live node, asks it over the bus, and A lets go: only that frees it here.
        Assert.Equal(3, await SaveAsync(b.Store, id, expected: 2));
        Assert.Equal(0, a.Store.KeptCount);
        Assert.Equal(b.Liveness.Instance, NodeLiveness.InstanceOf(await LeaseValueAsync(id)));

        // And back, the same way (B kept it now): A's kept version went with its lease, so it reads B's write.
        await using var again = await a.Store.AcquireAsync(id);
        Assert.Equal(3, again!.Version);
    }

    [Fact]
    public async Task ARequestHoldingTheLeaseWhenAskedReleasesItWhenItEnds()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b", wait: TimeSpan.FromSeconds(60));
        var id = await NewSessionAsync(a.Store);
        await SaveAsync(a.Store, id, expected: 1);
        var running = await a.Store.AcquireAsync(id);

        var waiting = Task.Run(() => b.Store.AcquireAsync(id));
        // B has asked at least once by the time A's request ends (it asks as soon as it finds the lease held).
        await Eventually.TrueAsync(() => a.Store.IsWanted(id), "B asked A for the lease");
        Assert.False(waiting.IsCompleted);
        Assert.Equal(3, await running!.SaveAndReleaseAsync(Changes(2)));

        await using var taken = await waiting;
        Assert.Equal(3, taken!.Version);
        Assert.Equal(0, a.Store.KeptCount);
    }

    [Fact]
    public async Task AnAskThatArrivesWhileTheSaveIsOnItsWayLeavesNoKeptLeaseBehind()
    {
        // A's liveness key outlives the pause below by far: only the ask can keep A from reusing its lease.
        var a = await NodeAsync("a", wait: TimeSpan.FromSeconds(60), livenessLife: TimeSpan.FromSeconds(10));
        var b = await NodeAsync("b", wait: TimeSpan.FromSeconds(60));
        var id = await NewSessionAsync(a.Store);
        Assert.Equal(2, await SaveAsync(a.Store, id, expected: 1));
        var running = await a.Store.AcquireAsync(id);
        var token = await LeaseValueAsync(id);

        // Redis holds writes for a moment: A's save is sent, to keep its lease, and B's ask arrives before it runs.
        using (var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true"))
        {
            await admin.GetServers()[0].ExecuteAsync("CLIENT", "PAUSE", "300", "WRITE");
        }
        var saving = running!.SaveAndReleaseAsync(Changes(2));
        await a.Store.OnAskedAsync(id + "\n" + token);
        Assert.Equal(3, await saving);

        // The script kept the lease, and A let it go as asked: A counts nothing kept, so it reads what B writes next
        // (asking B for the lease B kept).
        Assert.Equal(0, a.Store.KeptCount);
        Assert.Equal(4, await SaveAsync(b.Store, id, expected: 3));
        await using var again = await a.Store.AcquireAsync(id);
        Assert.Equal(4, again!.Version);
    }

    [Fact]
    public async Task ALeaseNeverGivesAVersionOlderThanASaveThatEndedBeforeItWasTaken()
    {
        // Four nodes work on one session at once, as a balancer without stickiness sends a tab's clicks and polls:
        // each asks the others for their kept leases all the time, and some of its requests write nothing (a poll).
        // Liveness keys of 10 s: no node is taken for dead in a stall of a loaded machine, so every refused save is a defect.
        var nodes = await Task.WhenAll(new[] { "a", "b", "c", "d" }.Select(
            name => NodeAsync(name, wait: TimeSpan.FromSeconds(30), livenessLife: TimeSpan.FromSeconds(10))));
        var id = await NewSessionAsync(nodes[0].Store);
        long saved = 1;
        var requests = 0;
        var until = Stopwatch.StartNew();

        async Task WorkAsync(Node node, int seed)
        {
            var random = new Random(seed);
            while (until.Elapsed < TimeSpan.FromSeconds(4))
            {
                var before = Interlocked.Read(ref saved);
                await using var lease = await node.Store.AcquireAsync(id) ?? throw new Xunit.Sdk.XunitException("No lease within 30 s.");
                // A save that ended before this lease was taken is in the version it read (kept or from Redis).
                Assert.True(lease.Version >= before, $"node {node.Liveness.Instance} read version {lease.Version} after version {before} was saved");
                Interlocked.Increment(ref requests);
                if (random.Next(3) > 0)
                {
                    var version = await lease.SaveAndReleaseAsync(Changes(lease.Version!.Value));
                    Assert.Equal(lease.Version + 1, version);
                    InterlockedMax(ref saved, version!.Value);
                }
            }
        }

        await Task.WhenAll(nodes.Select((node, i) => Task.Run(() => WorkAsync(node, i))));
        Assert.True(requests > 100, $"only {requests} requests ran");
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    [Fact]
    public async Task AKeptLeaseOfANodeThatDiedIsTakenOverOnceItsLivenessKeyLapses()
    {
        var a = await NodeAsync("a", livenessLife: TimeSpan.FromMilliseconds(300));
        var b = await NodeAsync("b", wait: TimeSpan.FromSeconds(60));
        var id = await NewSessionAsync(a.Store);
        await SaveAsync(a.Store, id, expected: 1);
        Assert.Equal(1, a.Store.KeptCount);

        // A dies: no more liveness writes, and nobody hears B's asks.
        a.Liveness.Dispose();
        a.Connection.Dispose();
        await using var taken = await b.Store.AcquireAsync(id);

        Assert.Equal(2, taken!.Version);
        Assert.Equal(3, await taken.SaveAndReleaseAsync(Changes(2)));
    }

    [Fact]
    public async Task AKeptLeaseOfAHolderThatCannotHearAsksIsTakenOnceItsTimeToLiveRunsOutAndNeverWrittenUnder()
    {
        var keepTime = TimeSpan.FromSeconds(1.5);
        // A's liveness key lives long: only a stall of 10 s could let B take A for dead instead of waiting.
        var a = await NodeAsync("a", wait: TimeSpan.FromSeconds(60), livenessLife: TimeSpan.FromSeconds(10), keepTime: keepTime);
        var b = await NodeAsync("b", wait: TimeSpan.FromSeconds(60), keepTime: keepTime);
        var id = await NewSessionAsync(a.Store);
        Assert.Equal(2, await SaveAsync(a.Store, id, expected: 1));
        Assert.Equal(1, a.Store.KeptCount);

        // A lives (its liveness key is written) but its subscription is gone behind its back: nobody hears B's asks.
        await a.Connection.RunOnMultiplexerAsync(async m =>
        {
            await m.GetSubscriber().UnsubscribeAllAsync();
            return true;
        });
        var waited = Stopwatch.StartNew();
        Assert.Equal(3, await SaveAsync(b.Store, id, expected: 2));
        waited.Stop();

        // B had the lease by its time to live, not by an answer: A never heard, and still counts it kept.
        Assert.True(waited.Elapsed > keepTime / 2, $"B had the lease after {waited.Elapsed}, before the kept lease could have run out");
        Assert.Equal(1, a.Store.KeptCount);
        // A's kept lease is past its time: A's next request reads B's write instead of the version it kept.
        await using var again = await a.Store.AcquireAsync(id);
        Assert.Equal(3, again!.Version);
    }

    [Fact]
    public async Task AKeptLeaseIsNotUsedAfterTheNodesLivenessKeyMayHaveLapsedButTakenBackFromRedis()
    {
        // Liveness written by hand: a gap longer than the key's life is a freeze another node could have seen.
        var a = await NodeAsync("a", livenessLife: TimeSpan.FromMilliseconds(300), writeLiveness: false);
        var id = await SessionWithAKeptLeaseAsync(a);
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        // Until a write gets through (one timed out once on a loaded CI machine): each comes after the gap all the same.
        await Eventually.TrueAsync(a.Liveness.Write, "the node's liveness key is written again");

        await TakesTheLeaseFromRedisAsync(a.Store, id, version: 2);
    }

    [Fact]
    public async Task AKeptLeaseIsNotUsedAfterTheConnectionToRedisFailedButTakenBackFromRedis()
    {
        var a = await NodeAsync("a", livenessLife: TimeSpan.FromSeconds(10));
        var id = await SessionWithAKeptLeaseAsync(a);

        // The server drops the node's connections (as a failover or a restart does); the client connects again.
        var interruptions = a.Connection.Interruptions;
        using (var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true"))
        {
            await admin.GetServers()[0].ExecuteAsync("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
        }
        await Eventually.TrueAsync(
            () => a.Connection.Interruptions > interruptions && a.Connection.IsConnected(new RedisKeys(_prefix).Lease(id)),
            "the node noticed the dropped connection and connected again");

        await TakesTheLeaseFromRedisAsync(a.Store, id, version: 2);
    }

    [Fact]
    public async Task ASaveThatTimesOutLetsGoOfItsLeaseSoTheNodesNextRequestTakesItAtOnce()
    {
        var a = await NodeAsync("a", wait: TimeSpan.FromSeconds(20));
        var id = await NewSessionAsync(a.Store);
        await SaveAsync(a.Store, id, expected: 1);
        var lease = await a.Store.AcquireAsync(id);

        // Redis holds every write for longer than the client waits (2 s): the save times out, and lands later.
        using (var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true"))
        {
            await admin.GetServers()[0].ExecuteAsync("CLIENT", "PAUSE", "3000", "WRITE");
        }
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => lease!.SaveAndReleaseAsync(Changes(2)));

        // The lease (kept for two minutes by the late save, or still the request's) is this node's own and in no
        // request's hands: taken over at once, with whatever version Redis has.
        await using var next = await a.Store.AcquireAsync(id);
        Assert.NotNull(next);
        Assert.Contains(next.Version, new long?[] { 2, 3 });
    }

    [Fact]
    public async Task ASessionWrittenWithoutTheLeaseIsReadAgainNotTakenFromTheKeptVersion()
    {
        var a = await NodeAsync("a");
        var id = await NewSessionAsync(a.Store);
        await SaveAsync(a.Store, id, expected: 1);
        Assert.Equal(1, a.Store.KeptCount);

        // A rotation's forward (or any write without the lease) moves the version on.
        Assert.Equal(3, await a.Store.SaveAsync(id, Changes(2)));
        Assert.Equal(0, a.Store.KeptCount);
        await using var lease = await a.Store.AcquireAsync(id);

        Assert.Equal(3, lease!.Version);
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }

    private async Task<Node> NodeAsync(string name, TimeSpan? wait = null, TimeSpan? livenessLife = null, bool writeLiveness = true, TimeSpan? keepTime = null)
    {
        var connection = new RedisConnection(redis.Configuration, _prefix);
        var liveness = new NodeLiveness(connection, name, livenessLife ?? TimeSpan.FromSeconds(1));
        _owned.Add(connection);
        _owned.Add(liveness);
        if (writeLiveness)
        {
            await liveness.StartAsync(CancellationToken.None);
        }
        Assert.True(liveness.Write());
        var options = Options.Create(new SessionOptions { LockWait = wait ?? TimeSpan.Zero, LeaseKeepTime = keepTime ?? KeepTime });
        var bus = new RedisClusterBus(connection, NullLogger<RedisClusterBus>.Instance);
        var store = new RedisSessionStore(connection, options, liveness, bus: bus);
        // The first request's end starts listening for asks; leases are kept from then on.
        var warmUp = Guid.NewGuid().ToString("N");
        await store.SaveAsync(warmUp, Changes(0));
        await SaveAsync(store, warmUp, expected: 1);
        await Eventually.TrueAsync(() => store.Listening, $"node {name} listens for asks");
        await store.RemoveAsync(warmUp);
        return new Node(connection, liveness, store);
    }

    // A new session (version 1), saved once by a request of the node (version 2), which keeps its lease.
    private static async Task<string> SessionWithAKeptLeaseAsync(Node node)
    {
        var id = await NewSessionAsync(node.Store);
        Assert.Equal(2, await SaveAsync(node.Store, id, expected: 1));
        Assert.Equal(1, node.Store.KeptCount);
        return id;
    }

    // The node's next request asks Redis for the lease (its kept one is not used) and reads the stored version.
    private async Task TakesTheLeaseFromRedisAsync(RedisSessionStore store, string id, long version)
    {
        var scriptsBefore = await ScriptCallsAsync();
        await using var lease = await store.AcquireAsync(id);

        Assert.True(await ScriptCallsAsync() - scriptsBefore >= 1, "the lease was taken from Redis, not from the node's memory");
        Assert.Equal(version, lease!.Version);
        Assert.Equal(version + 1, await lease.SaveAndReleaseAsync(Changes(version)));
    }

    private static async Task<long?> SaveAsync(RedisSessionStore store, string id, long expected)
    {
        var lease = await store.AcquireAsync(id) ?? throw new Xunit.Sdk.XunitException($"No lease for {id}.");
        return await lease.SaveAndReleaseAsync(Changes(expected));
    }

    private static async Task<string> NewSessionAsync(ISessionStore store)
    {
        var id = Guid.NewGuid().ToString("N");
        Assert.Equal(1, await store.SaveAsync(id, Changes(0)));
        return id;
    }

    private async Task<string> LeaseValueAsync(string id)
    {
        using var inspector = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        return (string)(await inspector.GetDatabase().StringGetAsync(new RedisKeys(_prefix).Lease(id)))!;
    }

    // Script calls the server has run so far (INFO commandstats): only this class's nodes use this server.
    private async Task<long> ScriptCallsAsync()
    {
        using var inspector = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var stats = (await inspector.GetServers()[0].InfoAsync("commandstats")).SelectMany(g => g).ToList();
        return stats.Where(s => s.Key is "cmdstat_evalsha" or "cmdstat_eval")
            .Sum(s => long.Parse(s.Value.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static SessionChanges Changes(long expected) =>
        new(expected, new Dictionary<string, byte[]> { ["meta"] = Encoding.UTF8.GetBytes($"written at {expected + 1}") }, [], LongLife);

    private sealed record Node(RedisConnection Connection, NodeLiveness Liveness, RedisSessionStore Store);
}

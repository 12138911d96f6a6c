using System.Text;
using Microsoft.Extensions.Options;
using RazorFaces.Redis;
using RazorFaces.Session;
using RazorFaces.Tests.Support;
using StackExchange.Redis;

namespace RazorFaces.Tests.Session;

/// <summary>
/// What the session lease of a store shared by several nodes must do when a holder dies or freezes: one subclass per
/// Redis deployment (single server, Cluster, Sentinel). Each scenario runs two or three nodes, each with its own
/// connection, liveness key and store, as separate processes would.
/// </summary>
/// <remarks>
/// The in-memory store has no subclass on purpose: it serves one node, whose per-session gate already runs one
/// request at a time, so its lease only carries the version (<see cref="InMemorySessionStore"/>) and no holder can
/// die or freeze while another node waits. Leases here live far longer than any scenario's wait, so a taker that
/// gets one can only have got it by finding the holder's node dead, never by the lease expiring: no scenario
/// asserts a duration.
/// </remarks>
public abstract class SessionLeaseConformanceTests : IDisposable
{
    // Far beyond every wait below: a lease is never freed by its own time to live in these scenarios.
    private static readonly TimeSpan LeaseLife = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongLife = TimeSpan.FromHours(1);

    private readonly string _prefix = $"rf-lease-{Guid.NewGuid():N}:";
    private readonly List<IDisposable> _owned = [];

    /// <summary>How a node reaches the deployment under test.</summary>
    protected abstract string Configuration { get; }

    [Fact]
    public async Task ALeaseWhoseHoldersNodeIsGoneIsTakenOverLongBeforeItsTimeToLive()
    {
        var (holderLiveness, holderStore) = Node("holder", livenessLife: TimeSpan.FromMilliseconds(300));
        var (_, takerStore) = Node("taker", wait: TimeSpan.FromSeconds(60));
        var id = await NewSessionAsync(holderStore);
        Assert.True(holderLiveness.Write());
        var held = (RedisSessionStore.Lease)(await holderStore.AcquireAsync(id))!;
        Assert.StartsWith(holderLiveness.Instance + "|", await LeaseValueAsync(id));

        // The holder's node dies: its liveness key is written no more, and the lease is neither renewed nor released.
        held.Abandon();
        await using var taken = await takerStore.AcquireAsync(id);

        Assert.NotNull(taken);
        Assert.Equal(1, taken.Version);
        Assert.Equal(2, await taken.SaveAndReleaseAsync(Changes(1)));
    }

    [Fact]
    public async Task ALeaseWhoseHolderIsAliveButSlowIsNotTakenWhileItsNodeIsAlive()
    {
        // Three of the key's lives: long enough to prove the taker does not take a live holder's lease; the life is 2 s
        // so that only a stall of the holder's writer longer than 1.6 s (as CI saw once with 1 s) would lapse the key.
        var (holderLiveness, holderStore) = Node("holder", livenessLife: TimeSpan.FromSeconds(2));
        var (_, takerStore) = Node("taker", wait: TimeSpan.FromSeconds(6));
        var id = await NewSessionAsync(holderStore);
        await holderLiveness.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => holderLiveness.Stamp("t") != "t", "the holder's liveness key was written");
        await using var held = await holderStore.AcquireAsync(id);
        Assert.StartsWith(holderLiveness.Instance + "|", await LeaseValueAsync(id));

        // The request runs longer than several of the node's liveness lives; its node keeps writing its key.
        Assert.Null(await takerStore.AcquireAsync(id));

        Assert.Equal(2, await held!.SaveAndReleaseAsync(Changes(1)));
    }

    [Fact]
    public async Task AFrozenHolderThatComesBackCannotSaveOverTheNodeThatTookItsLease()
    {
        var (holderLiveness, holderStore) = Node("holder", livenessLife: TimeSpan.FromMilliseconds(300));
        var (_, takerStore) = Node("taker", wait: TimeSpan.FromSeconds(60));
        var id = await NewSessionAsync(holderStore);
        Assert.True(holderLiveness.Write());
        await using var frozen = await holderStore.AcquireAsync(id);

        // Frozen (SIGSTOP, a long pause): its key lapses and the taker takes the lease, but has not saved yet.
        await using var taken = await takerStore.AcquireAsync(id);
        Assert.NotNull(taken);
        var late = await frozen!.SaveAndReleaseAsync(Changes(1, "the frozen holder's click"));

        Assert.Null(late);
        Assert.Equal(2, await taken.SaveAndReleaseAsync(Changes(1, "the taker's click")));
        var stored = await takerStore.LoadAsync(id);
        Assert.Equal("the taker's click", Encoding.UTF8.GetString(stored!.Fields["meta"]));
    }

    [Fact]
    public async Task AFrozenHolderThatComesBackLeavesTheNewHoldersLeaseAlone()
    {
        var (holderLiveness, holderStore) = Node("holder", livenessLife: TimeSpan.FromMilliseconds(300));
        var (_, takerStore) = Node("taker", wait: TimeSpan.FromSeconds(60));
        var (_, thirdStore) = Node("third", wait: TimeSpan.Zero);
        var id = await NewSessionAsync(holderStore);
        Assert.True(holderLiveness.Write());
        var frozen = await holderStore.AcquireAsync(id);
        await using var taken = await takerStore.AcquireAsync(id);
        Assert.NotNull(taken);

        await frozen!.DisposeAsync();

        Assert.Null(await thirdStore.AcquireAsync(id));
    }

    [Fact]
    public async Task OfTwoNodesThatFindTheHolderDeadExactlyOneTakesTheLease()
    {
        var (holderLiveness, holderStore) = Node("holder", livenessLife: TimeSpan.FromMilliseconds(300));
        var (firstLiveness, first) = Node("first", wait: TimeSpan.FromSeconds(3));
        var (secondLiveness, second) = Node("second", wait: TimeSpan.FromSeconds(3));
        // Both takers are alive for the whole scenario, so the one that wins keeps the lease from the other.
        await firstLiveness.StartAsync(CancellationToken.None);
        await secondLiveness.StartAsync(CancellationToken.None);
        var id = await NewSessionAsync(holderStore);
        Assert.True(holderLiveness.Write());
        ((RedisSessionStore.Lease)(await holderStore.AcquireAsync(id))!).Abandon();
        await Eventually.TrueAsync(() => firstLiveness.Stamp("t") != "t" && secondLiveness.Stamp("t") != "t", "both takers' keys were written");

        var leases = await Task.WhenAll(first.AcquireAsync(id), second.AcquireAsync(id));

        var winner = Assert.Single(leases, l => l is not null);
        Assert.Equal(2, await winner!.SaveAndReleaseAsync(Changes(1)));
    }

    [Fact]
    public async Task ALeaseTakenBeforeItsNodeWroteItsLivenessKeyIsNeverTakenForDead()
    {
        // A node that has not written its key yet (or an older build) names no node in its leases: nobody may judge
        // it dead by a key it never wrote, so only the lease's own time to live frees the session.
        var (_, holderStore) = Node("holder", livenessLife: TimeSpan.FromMilliseconds(300));
        var (_, takerStore) = Node("taker", wait: TimeSpan.FromSeconds(1));
        var id = await NewSessionAsync(holderStore);
        await using var held = await holderStore.AcquireAsync(id);

        Assert.Null(await takerStore.AcquireAsync(id));
        Assert.Equal(2, await held!.SaveAndReleaseAsync(Changes(1)));
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    private (NodeLiveness Liveness, RedisSessionStore Store) Node(string name, TimeSpan? wait = null, TimeSpan? livenessLife = null)
    {
        var connection = new RedisConnection(Configuration, _prefix);
        var liveness = new NodeLiveness(connection, name, livenessLife ?? TimeSpan.FromSeconds(1));
        _owned.Add(connection);
        _owned.Add(liveness);
        var options = Options.Create(new SessionOptions { LockTimeToLive = LeaseLife, LockWait = wait ?? TimeSpan.Zero });
        return (liveness, new RedisSessionStore(connection, options, liveness));
    }

    private static async Task<string> NewSessionAsync(ISessionStore store)
    {
        var id = Guid.NewGuid().ToString("N");
        Assert.Equal(1, await store.SaveAsync(id, Changes(0)));
        return id;
    }

    private async Task<string> LeaseValueAsync(string id)
    {
        using var inspector = await ConnectionMultiplexer.ConnectAsync(Configuration);
        return (string)(await inspector.GetDatabase().StringGetAsync(new RedisKeys(_prefix).Lease(id)))!;
    }

    private static SessionChanges Changes(long expected, string meta = "meta") =>
        new(expected, new Dictionary<string, byte[]> { ["meta"] = Encoding.UTF8.GetBytes(meta) }, [], LongLife);
}

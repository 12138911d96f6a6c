using Microsoft.Extensions.Time.Testing;
using System.Diagnostics;
using System.Text;
using RazorFaces.Session;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Session;

/// <summary>
/// What every <see cref="ISessionStore"/> must do, whatever it keeps sessions in: one subclass per store
/// (<see cref="InMemorySessionStoreTests"/>; a Redis one runs the same scenarios against a real redis-server).
/// </summary>
/// <remarks>
/// Time-dependent scenarios go through <see cref="ShortLife"/> and <see cref="LetTimePassAsync"/>. By default they
/// move a <see cref="FakeTimeProvider"/> handed to <see cref="CreateStore"/>; a store whose expiry runs on its
/// server's clock (Redis) overrides both with a short real time to live and a real wait.
/// </remarks>
public abstract class SessionStoreConformanceTests : IAsyncLifetime
{
    private ISessionStore? _store;

    /// <summary>The clock given to the store (stores that expire on their own clock ignore it).</summary>
    protected FakeTimeProvider Clock { get; } = new();

    /// <summary>The store under test.</summary>
    private protected ISessionStore Store => _store ?? throw new InvalidOperationException("The store was not created.");

    /// <summary>The time to live of sessions in the expiry scenarios.</summary>
    protected virtual TimeSpan ShortLife => TimeSpan.FromMinutes(1);

    /// <summary>A time to live no scenario reaches.</summary>
    protected static TimeSpan LongLife => TimeSpan.FromHours(1);

    /// <summary>A new, empty store whose expiry follows <paramref name="time"/> where it can.</summary>
    private protected abstract ISessionStore CreateStore(TimeProvider time);

    /// <summary>Lets <paramref name="duration"/> pass for the store's expiry.</summary>
    protected virtual Task LetTimePassAsync(TimeSpan duration)
    {
        Clock.Advance(duration);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public virtual Task InitializeAsync()
    {
        _store = CreateStore(Clock);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public virtual Task DisposeAsync() => (_store as IAsyncDisposable)?.DisposeAsync().AsTask() ?? Task.CompletedTask;

    [Fact]
    public async Task ASessionIsCreatedByAWriteExpectingVersionZeroAndStartsAtVersionOne()
    {
        var id = NewId();

        var version = await Store.SaveAsync(id, Changes(0, ("meta", "m1")));

        Assert.Equal(1, version);
        Assert.Equal(1, await Store.GetVersionAsync(id));
    }

    [Fact]
    public async Task CreatingASessionThatAlreadyExistsIsRefused()
    {
        var id = NewId();
        await Store.SaveAsync(id, Changes(0, ("meta", "first")));

        var second = await Store.SaveAsync(id, Changes(0, ("meta", "second")));

        Assert.Null(second);
        Assert.Equal("first", Text(await LoadAsync(id), "meta"));
    }

    [Fact]
    public async Task AWriteExpectingAVersionOfASessionThatDoesNotExistIsRefusedAndCreatesNothing()
    {
        var id = NewId();

        Assert.Null(await Store.SaveAsync(id, Changes(3, ("meta", "m"))));

        Assert.Null(await Store.LoadAsync(id));
        Assert.Null(await Store.GetVersionAsync(id));
    }

    [Fact]
    public async Task LoadReturnsTheFieldsAndVersionLastWritten()
    {
        var id = NewId();
        await Store.SaveAsync(id, Changes(0, ("meta", "m1"), ("bean:Cart", "c1")));
        await Store.SaveAsync(id, Changes(1, ("view:a", "v1"), ("bean:Cart", "c2")));

        var stored = await LoadAsync(id);

        Assert.Equal(2, stored.Version);
        Assert.Equal(["bean:Cart", "meta", "view:a"], stored.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("m1", Text(stored, "meta"));
        Assert.Equal("c2", Text(stored, "bean:Cart"));
        Assert.Equal("v1", Text(stored, "view:a"));
    }

    [Fact]
    public async Task AnUnknownSessionLoadsAsNull()
    {
        Assert.Null(await Store.LoadAsync(NewId()));
        Assert.Null(await Store.GetVersionAsync(NewId()));
    }

    [Fact]
    public async Task AWriteBasedOnAStaleVersionIsRefusedAndChangesNothing()
    {
        var id = NewId();
        await Store.SaveAsync(id, Changes(0, ("meta", "m1")));
        Assert.Equal(2, await Store.SaveAsync(id, Changes(1, ("meta", "by node A"))));

        var stale = await Store.SaveAsync(id, Changes(1, ("meta", "by node B"), ("view:b", "b")));

        Assert.Null(stale);
        var stored = await LoadAsync(id);
        Assert.Equal(2, stored.Version);
        Assert.Equal("by node A", Text(stored, "meta"));
        Assert.False(stored.Fields.ContainsKey("view:b"));
    }

    [Fact]
    public async Task OfConcurrentWritesBasedOnOneVersionExactlyOneSucceeds()
    {
        var id = NewId();
        await Store.SaveAsync(id, Changes(0, ("meta", "m")));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.SaveAsync(id, Changes(1, ("meta", $"writer {i}"))))));

        Assert.Single(results, r => r is not null);
        Assert.Equal(2, await Store.GetVersionAsync(id));
    }

    [Fact]
    public async Task RemovedFieldsDisappearAndOtherFieldsStay()
    {
        var id = NewId();
        await Store.SaveAsync(id, Changes(0, ("meta", "m"), ("view:a", "a"), ("view:b", "b")));

        var version = await Store.SaveAsync(id, new SessionChanges(1, Fields(("view:c", "c")), ["view:a"], LongLife));

        Assert.Equal(2, version);
        var stored = await LoadAsync(id);
        Assert.Equal(["meta", "view:b", "view:c"], stored.Fields.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AWriteThatOnlyRemovesFieldsStillMovesTheVersionOn()
    {
        var id = NewId();
        await Store.SaveAsync(id, Changes(0, ("meta", "m"), ("view:a", "a")));

        Assert.Equal(2, await Store.SaveAsync(id, new SessionChanges(1, Fields(), ["view:a", "view:never-there"], LongLife)));

        Assert.Equal(["meta"], (await LoadAsync(id)).Fields.Keys);
    }

    [Fact]
    public Task ASessionExpiresWhenItsTimeToLivePassesWithoutAWrite() => WithinTimeToLiveAsync(async inTime =>
    {
        var id = NewId();
        var written = Stopwatch.StartNew();
        await Store.SaveAsync(id, Changes(0, ShortLife, ("meta", "m")));
        await LetTimePassAsync(ShortLife / 2);
        var halfway = await Store.LoadAsync(id);
        if (!inTime(written))
        {
            return false;
        }
        Assert.NotNull(halfway);

        await LetTimePassAsync(ShortLife);

        Assert.Null(await Store.LoadAsync(id));
        Assert.Null(await Store.GetVersionAsync(id));
        return true;
    });

    [Fact]
    public Task EveryWriteStartsTheTimeToLiveAgain() => WithinTimeToLiveAsync(async inTime =>
    {
        var id = NewId();
        var written = Stopwatch.StartNew();
        await Store.SaveAsync(id, Changes(0, ShortLife, ("meta", "m")));
        await LetTimePassAsync(ShortLife * 0.6);
        var second = await Store.SaveAsync(id, Changes(1, ShortLife, ("meta", "m2")));
        if (!inTime(written))
        {
            return false;
        }
        Assert.Equal(2, second);
        written.Restart();

        await LetTimePassAsync(ShortLife * 0.6);

        var stored = await Store.LoadAsync(id);
        if (!inTime(written))
        {
            return false;
        }
        Assert.Equal("m2", Text(stored ?? throw new Xunit.Sdk.XunitException($"Session {id} is not stored."), "meta"));
        return true;
    });

    [Fact]
    public async Task ALateWriteNeverResurrectsAnExpiredSession()
    {
        var id = NewId();
        await Store.SaveAsync(id, Changes(0, ShortLife, ("meta", "m")));
        await LetTimePassAsync(ShortLife * 1.5);

        // A request that read version 1 before the session expired finishes now.
        var late = await Store.SaveAsync(id, Changes(1, LongLife, ("meta", "late")));

        Assert.Null(late);
        Assert.Null(await Store.LoadAsync(id));
        Assert.Null(await Store.GetVersionAsync(id));
    }

    [Fact]
    public async Task ALateWriteAfterTheExpiryWasNoticedDoesNotResurrectTheSessionEither()
    {
        var id = NewId();
        await Store.SaveAsync(id, Changes(0, ShortLife, ("meta", "m")));
        await LetTimePassAsync(ShortLife * 1.5);
        Assert.Null(await Store.LoadAsync(id));

        var late = await Store.SaveAsync(id, Changes(1, LongLife, ("meta", "late")));

        Assert.Null(late);
        Assert.Null(await Store.LoadAsync(id));
    }

    [Fact]
    public async Task GetVersionFollowsEveryAcceptedWrite()
    {
        var id = NewId();
        Assert.Null(await Store.GetVersionAsync(id));

        for (var version = 0; version < 3; version++)
        {
            await Store.SaveAsync(id, Changes(version, ("meta", $"m{version}")));
            Assert.Equal(version + 1, await Store.GetVersionAsync(id));
        }
        await Store.SaveAsync(id, Changes(1, ("meta", "stale")));
        Assert.Equal(3, await Store.GetVersionAsync(id));
    }

    [Fact]
    public async Task ARemovedSessionIsGoneAndALateWriteDoesNotBringItBack()
    {
        var id = NewId();
        var other = NewId();
        await Store.SaveAsync(id, Changes(0, ("meta", "m")));
        await Store.SaveAsync(other, Changes(0, ("meta", "other")));

        await Store.RemoveAsync(id);

        Assert.Null(await Store.LoadAsync(id));
        Assert.Null(await Store.GetVersionAsync(id));
        Assert.Null(await Store.SaveAsync(id, Changes(1, ("meta", "late"))));
        Assert.Null(await Store.LoadAsync(id));
        Assert.Equal("other", Text(await LoadAsync(other), "meta"));
    }

    [Fact]
    public async Task RemovingAnUnknownSessionIsHarmless()
    {
        await Store.RemoveAsync(NewId());
    }

    [Fact]
    public async Task ChangingBytesAfterAWriteOrALoadDoesNotChangeWhatIsStored()
    {
        var id = NewId();
        var written = Encoding.UTF8.GetBytes("original");
        await Store.SaveAsync(id, new SessionChanges(0, new Dictionary<string, byte[]> { ["meta"] = written }, [], LongLife));
        written[0] = (byte)'X';
        var loaded = await LoadAsync(id);
        loaded.Fields["meta"][1] = (byte)'Y';

        Assert.Equal("original", Text(await LoadAsync(id), "meta"));
    }

    [Fact]
    public async Task AnExpiredSessionIsClaimedExactlyOnceWithItsLastFieldsAndIsThenGone()
    {
        var id = NewId();
        await Store.SaveAsync(id, Changes(0, ShortLife, ("meta", "m"), ("bean:Cart", "three apples")));
        await LetTimePassAsync(ShortLife * 2);

        // Two nodes claim at once: the session goes to exactly one of them.
        var claims = await Task.WhenAll(Store.ClaimExpiredAsync(1000), Store.ClaimExpiredAsync(1000));
        var ours = claims.SelectMany(c => c).Where(c => c.SessionId == id).ToList();

        var claimed = Assert.Single(ours);
        Assert.Equal("three apples", Encoding.UTF8.GetString(claimed.Fields["bean:Cart"]));
        Assert.DoesNotContain(await Store.ClaimExpiredAsync(1000), c => c.SessionId == id);
        Assert.Null(await Store.LoadAsync(id));
        Assert.Null(await Store.SaveAsync(id, Changes(1, ("meta", "late"))));
    }

    [Fact]
    public async Task ALiveSessionIsNeverClaimed()
    {
        var id = NewId();
        await Store.SaveAsync(id, Changes(0, LongLife, ("meta", "m")));

        Assert.DoesNotContain(await Store.ClaimExpiredAsync(1000), c => c.SessionId == id);
        Assert.NotNull(await Store.LoadAsync(id));
    }

    [Fact]
    public async Task ARemovedSessionIsNeverClaimed()
    {
        var id = NewId();
        await Store.SaveAsync(id, Changes(0, ShortLife, ("meta", "m")));
        await Store.RemoveAsync(id);
        await LetTimePassAsync(ShortLife * 2);

        Assert.DoesNotContain(await Store.ClaimExpiredAsync(1000), c => c.SessionId == id);
    }

    [Fact]
    public async Task ExpiredSessionsAmongManyLiveOnesAreClaimedInBatchesOfAtMostTheAskedSizeUntilNoneIsLeft()
    {
        var live = new List<string>();
        var expiring = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var id = NewId();
            await Store.SaveAsync(id, Changes(0, i % 2 == 0 ? LongLife : ShortLife, ("meta", "m")));
            (i % 2 == 0 ? live : expiring).Add(id);
        }
        await LetTimePassAsync(ShortLife * 2);

        var claimed = new List<string>();
        IReadOnlyList<ExpiredSession> batch;
        do
        {
            batch = await Store.ClaimExpiredAsync(7);
            Assert.InRange(batch.Count, 0, 7);
            claimed.AddRange(batch.Select(c => c.SessionId));
        }
        while (batch.Count > 0);

        Assert.Empty(expiring.Except(claimed));
        Assert.Empty(claimed.Intersect(live));
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        foreach (var id in live)
        {
            Assert.NotNull(await Store.LoadAsync(id));
        }
    }

    [Fact]
    public async Task ASessionWrittenAgainBeforeItsTimeRanOutIsNotClaimedAtItsOldDeadline()
    {
        var id = NewId();
        await Store.SaveAsync(id, Changes(0, ShortLife, ("meta", "m")));
        await Store.SaveAsync(id, Changes(1, LongLife, ("meta", "still here")));
        await LetTimePassAsync(ShortLife * 2);

        Assert.DoesNotContain(await Store.ClaimExpiredAsync(1000), c => c.SessionId == id);
        Assert.Equal("still here", Text(await LoadAsync(id), "meta"));
    }

    // The Redis store writes a save's fields with one HSET and one HDEL, in slices: Lua's unpack has a stack limit.
    [Fact]
    public async Task ASaveOfMoreFieldsThanOneRedisCommandTakesWritesAndRemovesThemAll()
    {
        var id = NewId();
        var many = Enumerable.Range(0, 9000).Select(i => ($"v:{i}", $"view {i}")).ToArray();
        await Store.SaveAsync(id, Changes(0, many));

        var trimmed = await Store.SaveAsync(id, new SessionChanges(1, Fields(("meta", "m")), [.. many.Skip(1).Select(f => f.Item1)], LongLife));

        Assert.Equal(2, trimmed);
        var stored = await LoadAsync(id);
        Assert.Equal(["meta", "v:0"], stored.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("view 0", Text(stored, "v:0"));
    }

    /// <summary>
    /// Runs a scenario whose premise is that some of its steps happen within one time to live of a write: it is given
    /// a check, "is a stopwatch started before the write still inside the time to live", to ask after such a step. On
    /// a store that expires on a real clock, a busy machine can stall a step past it; the scenario then answers false
    /// and runs again with a new session (three times at most) instead of failing for the machine's sake. On the fake
    /// clock no real time passes, so every check holds and the scenario's assertions always apply.
    /// </summary>
    private async Task WithinTimeToLiveAsync(Func<Func<Stopwatch, bool>, Task<bool>> scenario)
    {
        var margin = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; !await scenario(since => since.Elapsed < ShortLife - margin); attempt++)
        {
            if (attempt == 3)
            {
                throw new Xunit.Sdk.XunitException("Three runs in a row were stalled past the time to live by the machine.");
            }
        }
    }

    /// <summary>A session id no other scenario (or earlier run against a shared server) uses.</summary>
    protected static string NewId() => "conformance-" + Guid.NewGuid().ToString("N");

    private async Task<StoredSession> LoadAsync(string id) =>
        await Store.LoadAsync(id) ?? throw new Xunit.Sdk.XunitException($"Session {id} is not stored.");

    private static SessionChanges Changes(long expected, params (string Name, string Value)[] set) =>
        new(expected, Fields(set), [], LongLife);

    private static SessionChanges Changes(long expected, TimeSpan timeToLive, params (string Name, string Value)[] set) =>
        new(expected, Fields(set), [], timeToLive);

    private static Dictionary<string, byte[]> Fields(params (string Name, string Value)[] set) =>
        set.ToDictionary(f => f.Name, f => Encoding.UTF8.GetBytes(f.Value), StringComparer.Ordinal);

    private static string Text(StoredSession stored, string field) => Encoding.UTF8.GetString(stored.Fields[field]);
}

using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Diagnostics;
using RazorFaces.State;

namespace RazorFaces.Session;

/// <summary>
/// Finds, locks, creates and saves session objects. A node keeps the objects it used in memory and reuses
/// one only while the store still holds the same version; when another writer moved it on, the node reads it
/// again and tells its <see cref="ISessionObserver"/>s (the live views of that session hold stale beans).
/// Cookies, CSRF tokens and what a request's answer says are the transports' business, not this class's.
/// </summary>
internal sealed partial class SessionManager(
    ISessionStore store,
    ISessionSerializer serializer,
    IEnumerable<BeanDescriptor> beans,
    IEnumerable<ISessionObserver> observers,
    IOptions<SessionOptions> options,
    TimeProvider time,
    ILogger<SessionManager> logger,
    IHostEnvironment? environment = null,
    SessionEndHooks? hooks = null,
    RazorFacesMetrics? metrics = null)
{
    private static readonly TimeSpan MovedForwardLife = TimeSpan.FromMinutes(1);

    // A store may refuse a zero or negative time to live; a session this close to its end expires right after.
    private static readonly TimeSpan MinimumTimeToLive = TimeSpan.FromMilliseconds(1);

    // In development every saved bean is also read back and compared, so state that would not survive a
    // failover (a getter that computes, a setter that drops data) is reported at once, not in production.
    private readonly bool _checkRoundTrips = environment?.IsDevelopment() == true;

    private readonly ConcurrentDictionary<string, SessionState> _cache = new(StringComparer.Ordinal);
    private long _lastCapWarning = DateTimeOffset.MinValue.UtcTicks;
    private long _refusedOverCap;
    private readonly SessionGates _gates = new();
    private readonly ISessionObserver[] _observers = [.. observers];
    private readonly Dictionary<string, BeanDescriptor> _beans = beans.ToDictionary(b => b.Key, StringComparer.Ordinal);

    /// <summary>Session objects held in this node's memory.</summary>
    public int CachedCount => _cache.Count;

    /// <summary>How many per-session gates exist (only sessions with a request running or waiting have one).</summary>
    internal int GateCount => _gates.Count;

    /// <summary>Locks the session and reads it; the result's state is null when the session is gone.</summary>
    /// <exception cref="SessionBusyException">Another node held the session for longer than the lock wait.</exception>
    /// <exception cref="SessionStoreUnavailableException">The store cannot be reached.</exception>
    public async Task<LockedSession> AcquireAsync(string sessionId, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var gate = await _gates.EnterAsync(sessionId, cancellationToken);
        ISessionLease? lease = null;
        try
        {
            // One round trip takes the lease and reads the version; the request's save releases it with the write.
            lease = await MeasuredAsync("acquire", () => store.AcquireAsync(sessionId, cancellationToken))
                ?? throw new SessionBusyException("Another server is working on this session; try again.");
            metrics?.SessionLocked(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            var state = await LoadAsync(sessionId, lease.Version, cancellationToken);
            return new LockedSession(gate, lease, state);
        }
        catch
        {
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }
            gate.Dispose();
            throw;
        }
    }

    /// <summary>A new session, locked; not stored until its first save (which creates it).</summary>
    /// <exception cref="SessionBusyException">This node holds <see cref="SessionOptions.MaxPerNode"/> sessions already.</exception>
    public async Task<LockedSession> CreateAsync(CancellationToken cancellationToken)
    {
        if (_cache.Count >= options.Value.MaxPerNode)
        {
            metrics?.SessionRefused();
            RefuseOverCap();
        }
        metrics?.SessionStarted();
        var state = SessionState.New(RandomIds.New(), time.GetUtcNow(), options.Value.Timeout);
        var gate = await _gates.EnterAsync(state.Id, cancellationToken);
        // A new, random id: no other node can be working on it, so no lease is needed.
        _cache[state.Id] = state;
        return new LockedSession(gate, lease: null, state);
    }

    private async Task<T> MeasuredAsync<T>(string operation, Func<Task<T>> call)
    {
        if (metrics is null)
        {
            return await call();
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var result = await call();
            metrics.StoreOperation(operation, System.Diagnostics.Stopwatch.GetElapsedTime(started), null);
            return result;
        }
        catch (Exception e)
        {
            metrics.StoreOperation(operation, System.Diagnostics.Stopwatch.GetElapsedTime(started), e);
            throw;
        }
    }

    private void RefuseOverCap()
    {
        var now = time.GetUtcNow();
        var last = Interlocked.Read(ref _lastCapWarning);
        // One line a minute, with the count: a flood would otherwise log a line per refused request.
        Interlocked.Increment(ref _refusedOverCap);
        if (now.UtcTicks - last >= TimeSpan.TicksPerMinute && Interlocked.CompareExchange(ref _lastCapWarning, now.UtcTicks, last) == last)
        {
            LogOverCap(logger, options.Value.MaxPerNode, Interlocked.Exchange(ref _refusedOverCap, 0));
        }
        throw new SessionBusyException("This server holds as many sessions as it may; try again in a moment.");
    }

    /// <summary>
    /// Marks the session used (heartbeats and polls do not, so they never keep a session alive). The new time is
    /// recorded only when the last one is older than <see cref="SessionOptions.MaxUnreplicatedInterval"/>, so
    /// a request that changes nothing else writes nothing (reads do not turn into writes).
    /// </summary>
    public void Touch(SessionState state)
    {
        var now = time.GetUtcNow();
        if (now - state.Meta.LastAccess >= options.Value.MaxUnreplicatedInterval)
        {
            state.Meta.LastAccess = now;
        }
    }

    /// <summary>
    /// Writes what the request changed, before the request is answered (synchronous replication); the first save
    /// of a request also releases its lease in the same round trip.
    /// </summary>
    /// <exception cref="SessionBusyException">Another request wrote the session first; the client retries.</exception>
    /// <exception cref="SessionExpiredException">The session expired or ended meanwhile.</exception>
    /// <exception cref="SessionStoreUnavailableException">The store cannot be reached.</exception>
    public async Task SaveAsync(LockedSession locked, CancellationToken cancellationToken)
    {
        var state = locked.State ?? throw new InvalidOperationException("There is no session to save.");
        var changes = SessionCodec.Encode(state, serializer, options.Value.ChangeDetection);
        if (changes is null)
        {
            return;
        }
        if (_checkRoundTrips)
        {
            CheckRoundTrips(state);
        }
        // The store's expiry counts from the last real use, not from this write: a resync, or a poll that had to
        // start a view, writes too, and must not keep the session alive (docs/protocol.md).
        var remaining = state.Meta.LastAccess + state.Meta.MaxInactive - time.GetUtcNow();
        changes = changes with { TimeToLive = remaining > MinimumTimeToLive ? remaining : MinimumTimeToLive };
        var lease = locked.TakeLeaseForSave();
        long? version;
        try
        {
            version = await MeasuredAsync("save", () => lease is not null
                ? lease.SaveAndReleaseAsync(changes, cancellationToken)
                : store.SaveAsync(state.Id, changes, cancellationToken));
        }
        catch
        {
            // The request's work changed this node's copy, and the store did not take it: the client is told nothing
            // changed and retries, so the next request must start from the stored state, not from this copy.
            await ForgetAsync(state.Id);
            throw;
        }
        if (version is null)
        {
            await ForgetAsync(state.Id);
            // Refused because another request wrote first (this one lost its lease in a long pause, say): the
            // session lives on, so the client retries; its event is applied then, once, on the newer state.
            if (await store.GetVersionAsync(state.Id, cancellationToken) is not null)
            {
                throw new SessionBusyException("Another request changed this session meanwhile; try again.");
            }
            throw new SessionExpiredException("The session expired or was replaced while this request ran.");
        }
        SessionCodec.Committed(state, changes, version.Value);
        LogSaved(logger, state.Id, version.Value, changes.Set.Count, changes.Set.Values.Sum(v => v.Length));
    }

    /// <summary>Ends a session everywhere (its hooks run here, once): store, cache and live views.</summary>
    public async Task EndAsync(SessionState state, CancellationToken cancellationToken)
    {
        if (hooks is not null)
        {
            await hooks.RunAsync(state, SessionEndReason.Invalidated, cancellationToken);
        }
        await store.RemoveAsync(state.Id, cancellationToken);
        await ForgetAsync(state.Id);
        metrics?.SessionsEnded(1, SessionEndReason.Invalidated);
    }

    /// <summary>
    /// Moves the session to a new id (against fixation, after a login) and returns it: the session is written whole
    /// under the new id, and the old id keeps only a forward for a minute, so a request already on its way with the
    /// old cookie (an open long-poll) still finds the session.
    /// </summary>
    public async Task<string> RotateAsync(SessionState state, CancellationToken cancellationToken)
    {
        state.RotateRequested = false;
        var oldId = state.Id;
        var oldVersion = state.Version;
        var oldFields = state.Written.Keys.ToList();
        state.Meta.Id = RandomIds.New();
        var fields = SessionCodec.EncodeAll(state, serializer);
        var version = await store.SaveAsync(state.Id, new SessionChanges(0, fields, [], state.Meta.MaxInactive), cancellationToken)
            ?? throw new SessionBusyException("The new session id is taken; try again.");
        state.Written.Clear();
        SessionCodec.Committed(state, new SessionChanges(0, fields, [], state.Meta.MaxInactive), version);
        await store.SaveAsync(oldId, new SessionChanges(
            oldVersion, new Dictionary<string, byte[]> { [SessionFields.MovedField] = Encoding.UTF8.GetBytes(state.Id) },
            oldFields, MovedForwardLife), cancellationToken);
        _cache.TryRemove(oldId, out _);
        _cache[state.Id] = state;
        LogRotated(logger);
        return state.Id;
    }

    /// <summary>Drops cached sessions idle beyond their max inactive interval, with their live views.</summary>
    /// <summary>Forgets the cached sessions whose time ran out (another node may have ended them); returns how many.</summary>
    public async Task<int> RemoveExpiredAsync()
    {
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var (id, state) in _cache)
        {
            if (state.IsExpired(now))
            {
                await ForgetAsync(id);
                removed++;
            }
        }
        return removed;
    }

    /// <summary>
    /// Lets go of the saved session objects no live view of this node is built on (their views were passivated): the
    /// store holds exactly what they hold, and the next request reads it back (<see cref="LoadAsync"/> finds no copy).
    /// That leaves a passivated view costing this node nothing but its bytes in the store, instead of a decoded
    /// session object per view. Returns how many went.
    /// </summary>
    public async Task<int> ReleaseUnusedAsync()
    {
        var released = 0;
        foreach (var (id, state) in _cache)
        {
            if (!IsReleasable(state))
            {
                continue;
            }
            // Under the session's gate: a request between reading the object and registering its view holds the gate,
            // and must find its object still cached when it registers the view.
            using (await _gates.EnterAsync(id, CancellationToken.None))
            {
                if (IsReleasable(state) && _cache.TryRemove(KeyValuePair.Create(id, state)))
                {
                    released++;
                }
            }
        }
        return released;
    }

    // Version 0 is a new session not stored yet: the cache is its only copy.
    private bool IsReleasable(SessionState state) =>
        state.Version > 0 && !state.EndRequested && !state.RotateRequested && !_observers.Any(o => o.Uses(state));

    /// <summary>Drops this node's copy of the session, and tells the observers (its live views go).</summary>
    public async Task ForgetAsync(string sessionId)
    {
        // Every live view is built on an object of this cache (a rotation re-files the same object under its new
        // id), so telling the observers about the object dropped here reaches every view of the session.
        if (!_cache.TryRemove(sessionId, out var copy))
        {
            return;
        }
        foreach (var observer in _observers)
        {
            await observer.SessionDroppedAsync(copy);
        }
    }

    private void CheckRoundTrips(SessionState state)
    {
        foreach (var slot in state.Beans.Values)
        {
            if (slot.Instance is { } bean && RoundTripCheck.FirstDifference(bean, slot.Descriptor.Type, serializer) is { } difference)
            {
                LogRoundTripLoss(logger, slot.Descriptor.Type.Name, difference);
            }
        }
    }

    private async Task<SessionState?> LoadAsync(string sessionId, long? version, CancellationToken cancellationToken, bool followForward = true)
    {
        if (version is null)
        {
            // Created by this node and not saved yet (a page render in progress) is not "gone".
            if (_cache.TryGetValue(sessionId, out var unsaved) && unsaved.Version == 0)
            {
                return unsaved;
            }
            await ForgetAsync(sessionId);
            return null;
        }
        if (_cache.TryGetValue(sessionId, out var cached) && cached.Version == version)
        {
            return cached;
        }
        var stored = await store.LoadAsync(sessionId, cancellationToken);
        if (stored is null)
        {
            await ForgetAsync(sessionId);
            return null;
        }
        if (stored.Fields.TryGetValue(SessionFields.MovedField, out var movedTo))
        {
            // Rotated a moment ago: follow the forward once (never a chain).
            var newId = Encoding.UTF8.GetString(movedTo);
            return followForward && newId != sessionId ? await LoadAsync(newId, await store.GetVersionAsync(newId, cancellationToken), cancellationToken, followForward: false) : null;
        }
        SessionState state;
        try
        {
            state = SessionCodec.Decode(stored, serializer, _beans);
        }
        catch (SessionStateException e)
        {
            LogUnreadable(logger, sessionId, e);
            await ForgetAsync(sessionId);
            return null;
        }
        if (cached is not null)
        {
            // Someone else wrote this session: views built on the old object hold stale beans.
            await ForgetAsync(sessionId);
        }
        _cache[sessionId] = state;
        return state;
    }

    // Without the ids: a session id is a credential, and logs are read by more people than the app's users trust.
    [LoggerMessage(Level = LogLevel.Warning, Message = "This node holds Sessions.MaxPerNode = {Cap} sessions: {Refused} new session(s) refused (503) since the last such line.")]
    private static partial void LogOverCap(ILogger logger, int cap, long refused);

    [LoggerMessage(Level = LogLevel.Information, Message = "A session was given a new id.")]
    private static partial void LogRotated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saved session {SessionId} at version {Version}: {Fields} field(s), {Bytes} bytes.")]
    private static partial void LogSaved(ILogger logger, string sessionId, long version, int fields, int bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "The bean {Bean} does not survive being stored and read back, so another node would see it differently: {Difference}")]
    private static partial void LogRoundTripLoss(ILogger logger, string bean, string difference);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId} cannot be read by this version; it is started afresh.")]
    private static partial void LogUnreadable(ILogger logger, string sessionId, Exception exception);
}

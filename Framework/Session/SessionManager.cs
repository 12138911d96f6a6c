using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Hosting;
using RazorFaces.Protocol;
using RazorFaces.State;
using RazorFaces.Views;

namespace RazorFaces.Session;

/// <summary>
/// Finds, locks, creates and saves session objects. A node keeps the objects it used in memory and reuses
/// one only while the store still holds the same version; when another writer moved it on, the node reads it
/// again and drops its live views of that session (their beans are stale), which then rebuild.
/// </summary>
internal sealed partial class SessionManager(
    ISessionStore store,
    ISessionLock clusterLock,
    ISessionSerializer serializer,
    IEnumerable<BeanDescriptor> beans,
    ViewRegistry views,
    IOptions<RazorFacesOptions> options,
    TimeProvider time,
    ILogger<SessionManager> logger,
    IHostEnvironment? environment = null,
    SessionEndHooks? hooks = null)
{
    private static readonly TimeSpan MovedForwardLife = TimeSpan.FromMinutes(1);

    // A store may refuse a zero or negative time to live; a session this close to its end expires right after.
    private static readonly TimeSpan MinimumTimeToLive = TimeSpan.FromMilliseconds(1);

    // In development every saved bean is also read back and compared, so state that would not survive a
    // failover (a getter that computes, a setter that drops data) is reported at once, not in production.
    private readonly bool _checkRoundTrips = environment?.IsDevelopment() == true;

    private readonly ConcurrentDictionary<string, SessionState> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    // The store lease each request holds (ISessionLeaseStore), by session id; the per-session gate makes it one.
    private readonly ConcurrentDictionary<string, ISessionStoreLease> _leases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BeanDescriptor> _beans = beans.ToDictionary(b => b.Key, StringComparer.Ordinal);

    /// <summary>Session objects held in this node's memory.</summary>
    public int CachedCount => _cache.Count;

    public static string? SessionIdOf(HttpContext context) =>
        context.Request.Cookies.TryGetValue(ProtocolConstants.SessionCookie, out var id) && id is { Length: > 0 and <= 64 } ? id : null;

    /// <summary>Locks the session and reads it; the lease's state is null when the session is gone.</summary>
    /// <exception cref="SessionStoreUnavailableException">The store cannot be reached.</exception>
    public async Task<SessionLease> AcquireAsync(string sessionId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        IAsyncDisposable? held = null;
        try
        {
            long? version;
            ISessionStoreLease? storeLease = null;
            if (store is ISessionLeaseStore leases)
            {
                // One round trip takes the lease and reads the version; SaveAsync releases it with the write.
                storeLease = await leases.AcquireAsync(sessionId, cancellationToken) ?? throw Busy();
                _leases[sessionId] = storeLease;
                held = new StoreLeaseRelease(this, storeLease);
                version = storeLease.Version;
            }
            else
            {
                held = await clusterLock.AcquireAsync(sessionId, cancellationToken) ?? throw Busy();
                version = await store.GetVersionAsync(sessionId, cancellationToken);
            }
            var state = await LoadAsync(sessionId, version, cancellationToken);
            if (storeLease is not null && state is not null && state.Id != sessionId)
            {
                // Followed a rotation's forward: the save goes to the new id, so it cannot release this id's lease.
                _leases.TryRemove(KeyValuePair.Create(sessionId, storeLease));
            }
            return new SessionLease(gate, held, state);
        }
        catch
        {
            if (held is not null)
            {
                await held.DisposeAsync();
            }
            gate.Release();
            throw;
        }
    }

    private static ViewException Busy() => new(ErrorCodes.Busy, "Another server is working on this session; try again.");

    /// <summary>A new session (not yet stored: the first save creates it), locked, with its cookie set.</summary>
    public async Task<SessionLease> CreateAsync(HttpContext context)
    {
        var state = SessionState.New(ViewIds.New(), time.GetUtcNow(), options.Value.SessionTimeout);
        var gate = _locks.GetOrAdd(state.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(context.RequestAborted);
        // A new, random id: no other node can be working on it, so the cluster lock is not needed.
        _cache[state.Id] = state;
        AppendCookie(context, state.Id);
        return new SessionLease(gate, LocalSessionLock.Held, state);
    }

    private static void AppendCookie(HttpContext context, string sessionId) =>
        context.Response.Cookies.Append(ProtocolConstants.SessionCookie, sessionId, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = string.IsNullOrEmpty(context.Request.PathBase) ? "/" : context.Request.PathBase.Value,
            IsEssential = true,
        });

    /// <summary>
    /// Marks the session used (heartbeats and polls do not, so they never keep a session alive). The new time is
    /// recorded only when the last one is older than <see cref="RazorFacesOptions.MaxUnreplicatedInterval"/>, so
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
    /// Writes what the request changed, before the request is answered (synchronous replication).
    /// </summary>
    /// <exception cref="Views.ViewException">The session expired or was changed elsewhere meanwhile.</exception>
    /// <exception cref="SessionStoreUnavailableException">The store cannot be reached.</exception>
    public async Task SaveAsync(SessionState state, CancellationToken cancellationToken)
    {
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
        // The request's last write releases the store's lease in the same round trip (the lease is then gone from
        // _leases, so a second save in one request would be an ordinary one, still fenced by the version).
        var version = _leases.TryRemove(state.Id, out var lease)
            ? await lease.SaveAndReleaseAsync(changes, cancellationToken)
            : await store.SaveAsync(state.Id, changes, cancellationToken);
        if (version is null)
        {
            await ForgetAsync(state.Id);
            // Refused because another request wrote first (this one lost its lease in a long pause, say): the
            // session lives on, so the client retries; its event is applied then, once, on the newer state.
            if (await store.GetVersionAsync(state.Id, cancellationToken) is not null)
            {
                throw new ViewException(ErrorCodes.Busy, "Another request changed this session meanwhile; try again.");
            }
            throw new ViewException(ErrorCodes.SessionExpired, "The session expired or was replaced while this request ran.");
        }
        SessionCodec.Committed(state, changes, version.Value);
        LogSaved(logger, state.Id, version.Value, changes.Set.Count, changes.Set.Values.Sum(v => v.Length));
    }

    /// <summary>
    /// After a request: carries out what the application asked for (end the session, new id) and saves.
    /// Returns false when the session ended.
    /// </summary>
    public async Task<bool> CompleteAsync(SessionState state, HttpContext context)
    {
        if (state.EndRequested)
        {
            await EndAsync(state, context.RequestAborted);
            context.Response.Cookies.Delete(ProtocolConstants.SessionCookie);
            return false;
        }
        if (state.RotateRequested)
        {
            await RotateAsync(state, context);
            return true;
        }
        await SaveAsync(state, context.RequestAborted);
        return true;
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
    }

    // The session is written whole under a new id; the old id keeps only a forward for a minute, so a request
    // already on its way with the old cookie (an open long-poll) still finds the session.
    private async Task RotateAsync(SessionState state, HttpContext context)
    {
        state.RotateRequested = false;
        var oldId = state.Id;
        var oldVersion = state.Version;
        var oldFields = state.Written.Keys.ToList();
        state.Meta.Id = ViewIds.New();
        var fields = SessionCodec.EncodeAll(state, serializer);
        var version = await store.SaveAsync(state.Id, new SessionChanges(0, fields, [], state.Meta.MaxInactive), context.RequestAborted)
            ?? throw new ViewException(ErrorCodes.Busy, "The new session id is taken; try again.");
        state.Written.Clear();
        SessionCodec.Committed(state, new SessionChanges(0, fields, [], state.Meta.MaxInactive), version);
        await store.SaveAsync(oldId, new SessionChanges(
            oldVersion, new Dictionary<string, byte[]> { [SessionCodec.MovedField] = System.Text.Encoding.UTF8.GetBytes(state.Id) },
            oldFields, MovedForwardLife), context.RequestAborted);
        _cache.TryRemove(oldId, out _);
        _cache[state.Id] = state;
        AppendCookie(context, state.Id);
        LogRotated(logger, oldId, state.Id);
    }

    /// <summary>Drops cached sessions idle beyond their max inactive interval, with their live views.</summary>
    public async Task RemoveExpiredAsync()
    {
        var now = time.GetUtcNow();
        foreach (var (id, state) in _cache)
        {
            if (state.IsExpired(now))
            {
                await ForgetAsync(id);
            }
        }
    }

    /// <summary>Compares CSRF tokens in constant time, so response timing does not reveal a token prefix.</summary>
    public static bool TokenMatches(SessionState state, string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(state.Meta.CsrfToken));

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
        if (stored.Fields.TryGetValue(SessionCodec.MovedField, out var movedTo))
        {
            // Rotated a moment ago: follow the forward once (never a chain).
            var newId = System.Text.Encoding.UTF8.GetString(movedTo);
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
            await views.RemoveSessionAsync(sessionId);
        }
        _cache[sessionId] = state;
        return state;
    }

    // Releases a store lease the request did not release by saving (it wrote nothing, or failed).
    private sealed class StoreLeaseRelease(SessionManager manager, ISessionStoreLease lease) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            manager._leases.TryRemove(KeyValuePair.Create(lease.SessionId, lease));
            return lease.DisposeAsync();
        }
    }

    public async Task ForgetAsync(string sessionId)
    {
        _cache.TryRemove(sessionId, out _);
        await views.RemoveSessionAsync(sessionId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {OldId} now has the id {NewId}.")]
    private static partial void LogRotated(ILogger logger, string oldId, string newId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saved session {SessionId} at version {Version}: {Fields} field(s), {Bytes} bytes.")]
    private static partial void LogSaved(ILogger logger, string sessionId, long version, int fields, int bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "The bean {Bean} does not survive being stored and read back, so another node would see it differently: {Difference}")]
    private static partial void LogRoundTripLoss(ILogger logger, string bean, string difference);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId} cannot be read by this version; it is started afresh.")]
    private static partial void LogUnreadable(ILogger logger, string sessionId, Exception exception);
}

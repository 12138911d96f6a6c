using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
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
    ISessionSerializer serializer,
    IEnumerable<BeanDescriptor> beans,
    ViewRegistry views,
    IOptions<RazorFacesOptions> options,
    TimeProvider time,
    ILogger<SessionManager> logger)
{
    // A store may refuse a zero or negative time to live; a session this close to its end expires right after.
    private static readonly TimeSpan MinimumTimeToLive = TimeSpan.FromMilliseconds(1);

    private readonly ConcurrentDictionary<string, SessionState> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
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
        try
        {
            return new SessionLease(gate, await LoadAsync(sessionId, cancellationToken));
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>A new session (not yet stored: the first save creates it), locked, with its cookie set.</summary>
    public async Task<SessionLease> CreateAsync(HttpContext context)
    {
        var state = SessionState.New(ViewIds.New(), time.GetUtcNow(), options.Value.SessionTimeout);
        var gate = _locks.GetOrAdd(state.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(context.RequestAborted);
        _cache[state.Id] = state;
        context.Response.Cookies.Append(ProtocolConstants.SessionCookie, state.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = string.IsNullOrEmpty(context.Request.PathBase) ? "/" : context.Request.PathBase.Value,
            IsEssential = true,
        });
        return new SessionLease(gate, state);
    }

    /// <summary>Marks the session used: heartbeats and polls do not, so they never keep a session alive.</summary>
    public void Touch(SessionState state) => state.Meta.LastAccess = time.GetUtcNow();

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
        // The store's expiry counts from the last real use, not from this write: a resync, or a poll that had to
        // start a view, writes too, and must not keep the session alive (docs/protocol.md).
        var remaining = state.Meta.LastAccess + state.Meta.MaxInactive - time.GetUtcNow();
        changes = changes with { TimeToLive = remaining > MinimumTimeToLive ? remaining : MinimumTimeToLive };
        var version = await store.SaveAsync(state.Id, changes, cancellationToken);
        if (version is null)
        {
            await ForgetAsync(state.Id);
            throw new ViewException(ErrorCodes.SessionExpired, "The session expired or was replaced while this request ran.");
        }
        SessionCodec.Committed(state, changes, version.Value);
        LogSaved(logger, state.Id, version.Value, changes.Set.Count, changes.Set.Values.Sum(v => v.Length));
    }

    /// <summary>Ends a session everywhere: store, cache and live views.</summary>
    public async Task InvalidateAsync(string sessionId)
    {
        await store.RemoveAsync(sessionId);
        await ForgetAsync(sessionId);
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

    private async Task<SessionState?> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        var version = await store.GetVersionAsync(sessionId, cancellationToken);
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

    private async Task ForgetAsync(string sessionId)
    {
        _cache.TryRemove(sessionId, out _);
        await views.RemoveSessionAsync(sessionId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saved session {SessionId} at version {Version}: {Fields} field(s), {Bytes} bytes.")]
    private static partial void LogSaved(ILogger logger, string sessionId, long version, int fields, int bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId} cannot be read by this version; it is started afresh.")]
    private static partial void LogUnreadable(ILogger logger, string sessionId, Exception exception);
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace RazorFaces.Redis;

/// <summary>
/// Kept leases (<see cref="SessionOptions.LeaseKeepTime"/>): a request's lease is not released when the request ends
/// but kept for this node, so the session's next request here takes it without a round trip and waits for Redis once
/// (its save, which keeps the lease again). Only with a liveness key (a node that dies loses its kept leases within
/// its key's time to live) and the cluster bus: a node that finds the lease kept by a live node asks that node, on
/// the holder's own channel, to let it go, and asks again while it waits; the holder releases a kept lease at once
/// and a held one when its request ends. A lease is reused only while this node's liveness key has not lapsed since
/// it was kept and enough of its time to live is left for the request to renew it; otherwise the node takes its own
/// lease over like any other (compare-and-set on its token).
/// </summary>
internal partial class RedisSessionStore
{
    private const string AskChannelPrefix = "lease-ask:";
    private static readonly TimeSpan AskAgainAfter = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, KeptLease> _kept = new(StringComparer.Ordinal);
    // The leases requests of this node hold or are taking, by token: an ask is answered when the request ends.
    private readonly ConcurrentDictionary<string, Holding> _holdings = new(StringComparer.Ordinal);
    // A lease moves between _holdings and _kept (a request ends, a request reuses it) while an ask may look for it in
    // both: each move and each ask's look happen under this, so an ask never finds the lease in neither map (and
    // releases it in Redis) while the node still counts it as its own.
    private readonly Lock _handover = new();
    // 0: not listening for asks yet; 1: subscribing; 2: listening. Leases are kept only while listening.
    private int _listening;
    private int _unvouched;

    /// <summary>How many leases this node keeps between requests (tests).</summary>
    internal int KeptCount => _kept.Count;

    /// <summary>Whether another node asked for the session's lease while a request of this node holds it (tests).</summary>
    internal bool IsWanted(string sessionId) => _holdings.Values.Any(h => h.SessionId == sessionId && !h.Keepable);

    /// <summary>Whether this node hears other nodes' asks, and so keeps leases (tests).</summary>
    internal bool Listening => Volatile.Read(ref _listening) == 2;

    /// <summary>A request's hold on a session's lease, from before its token is sent until the request ends.</summary>
    internal sealed class Holding(string sessionId, string token)
    {
        public string SessionId { get; } = sessionId;

        public string Token { get; } = token;

        /// <summary>Whether the lease may be kept when the request ends: not when another node asked for it, nor when
        /// the session was written or removed without it meanwhile (the version the lease read is not the stored one).</summary>
        public bool Keepable { get; set; } = true;
    }

    /// <summary>A lease kept between requests.</summary>
    /// <param name="Token">What the lease holds in Redis.</param>
    /// <param name="Version">The session's version when it was kept.</param>
    /// <param name="Sent">When the save that kept it was sent (its time to live in Redis started after that).</param>
    /// <param name="SessionLife">The session's time to live set by that save.</param>
    /// <param name="Lapses">This node's <see cref="NodeLiveness.Lapses"/> when that save was sent.</param>
    /// <param name="Interruptions">The connection's <see cref="RedisConnection.Interruptions"/> when that save was sent.</param>
    internal sealed record KeptLease(string Token, long? Version, long Sent, TimeSpan SessionLife, int Lapses, int Interruptions);

    private bool KeepsLeases => bus is not null && liveness is not null && options.Value.LeaseKeepTime > TimeSpan.Zero;

    /// <summary>How long (ms) the lease of <paramref name="holding"/> is to be kept when its request ends; 0: release it.</summary>
    internal long KeepMillisecondsFor(Holding holding)
    {
        if (!KeepsLeases || !holding.Keepable)
        {
            return 0;
        }
        if (Volatile.Read(ref _listening) != 2)
        {
            // Nobody could ask this node for a kept lease yet: release until the subscription stands.
            Listen();
            return 0;
        }
        return (long)Math.Max(1, options.Value.LeaseKeepTime.TotalMilliseconds);
    }

    /// <summary>
    /// Records a lease kept for this node by its request's save; released instead if another node asked for it while
    /// the save was on its way (the script kept it, but this node must not count it as its own: the asking node takes
    /// it and writes, and a request here reusing it would start from the version kept before that write).
    /// </summary>
    internal async Task KeptAsync(string sessionId, RedisKey key, Holding holding, KeptLease kept)
    {
        bool keep;
        lock (_handover)
        {
            _holdings.TryRemove(holding.Token, out _);
            keep = holding.Keepable;
            if (keep)
            {
                _kept[sessionId] = kept;
            }
        }
        if (!keep)
        {
            await ReleaseKeptAsync(sessionId, key, holding.Token);
        }
    }

    /// <summary>The lease a request of this node starts to take (before its token is sent, so an ask finds it).</summary>
    private Holding Hold(string sessionId, string token)
    {
        var holding = new Holding(sessionId, token);
        _holdings[token] = holding;
        return holding;
    }

    /// <summary>The request of <paramref name="holding"/> ended (its lease kept or released).</summary>
    internal void Unhold(Holding holding) => _holdings.TryRemove(holding.Token, out _);

    /// <summary>Whether a request of this node holds or is taking the lease stored as <paramref name="holder"/>.</summary>
    private bool IsHeldHere(string holder) => _holdings.ContainsKey(holder);

    /// <summary>
    /// Takes this node's kept lease of the session, if any: usable when this node's liveness key has not lapsed since
    /// it was kept, the session's time has not run out, at least half of <paramref name="lockTimeToLive"/> is left
    /// (the request renews it after a third), and the connection to its server is up and has not failed since. An
    /// unusable one is still this node's: the caller takes it over.
    /// </summary>
    private (KeptLease? Usable, Holding? Holding, string? Leftover) TakeKept(string sessionId, TimeSpan lockTimeToLive)
    {
        KeptLease? kept;
        Holding holding;
        lock (_handover)
        {
            if (!_kept.TryRemove(sessionId, out kept))
            {
                return (null, null, null);
            }
            // Held before an ask can look again: the ask then leaves it to this request, which releases it when it ends.
            holding = Hold(sessionId, kept.Token);
        }
        var age = Stopwatch.GetElapsedTime(kept.Sent);
        var timely = age + lockTimeToLive / 2 < options.Value.LeaseKeepTime && age + lockTimeToLive < kept.SessionLife;
        var vouched = liveness!.VouchesSince(kept.Lapses);
        if (timely && !vouched)
        {
            Interlocked.Increment(ref _unvouched);
        }
        // Not after a connection to Redis failed since it was kept: a failover or a restart may have lost the lease
        // (and the save that kept it), and another node may have written since. Nor while the connection is known to
        // be down: the request would run its work and only then fail to save (503, retried), where taking the lease
        // fails before any work.
        var usable = timely && vouched && connection.Interruptions == kept.Interruptions
            && connection.IsConnected(connection.Keys.Lease(sessionId));
        if (usable)
        {
            return (kept, holding, null);
        }
        Unhold(holding);
        return (null, null, kept.Token);
    }

    /// <summary>
    /// Kept leases not reused only because the node's liveness key could not vouch for them (it lapsed, or its last
    /// write is older than its time to live: a stalled node or machine). Tests tell such a request from a defect.
    /// </summary>
    internal int Unvouched => Volatile.Read(ref _unvouched);

    /// <summary>Forgets what this node knows of the session's lease version: it was written or removed without the lease.</summary>
    private void WrittenWithoutLease(string sessionId)
    {
        KeptLease? kept;
        lock (_handover)
        {
            // Few entries (the requests running now), and only rotations and removals come here.
            foreach (var holding in _holdings.Values)
            {
                if (holding.SessionId == sessionId)
                {
                    holding.Keepable = false;
                }
            }
            _kept.TryRemove(sessionId, out kept);
        }
        if (kept is not null)
        {
            _ = ReleaseKeptAsync(sessionId, connection.Keys.Lease(sessionId), kept.Token);
        }
    }

    /// <summary>Asks the live node holding the lease (<paramref name="holder"/>) to let it go, at most every <see cref="AskAgainAfter"/>.</summary>
    private async Task<long> AskAsync(string sessionId, string holder, long lastAsked)
    {
        if (bus is null || NodeLiveness.InstanceOf(holder) is not { } instance
            || (lastAsked != 0 && Stopwatch.GetElapsedTime(lastAsked) < AskAgainAfter))
        {
            return lastAsked;
        }
        try
        {
            await bus.PublishAsync(AskChannelPrefix + instance, sessionId + "\n" + holder);
        }
        catch (Exception e) when (e is SessionStoreUnavailableException or RedisException or InvalidOperationException)
        {
            // The ask is lost (Redis away, or no server known for the channel during a failover): the next one, or the
            // lease's time to live, frees the session.
        }
        return Stopwatch.GetTimestamp();
    }

    private void Listen()
    {
        if (Interlocked.CompareExchange(ref _listening, 1, 0) == 0)
        {
            _ = ListenAsync();
        }
    }

    private async Task ListenAsync()
    {
        try
        {
            await bus!.SubscribeAsync(AskChannelPrefix + liveness!.Instance, OnAskedAsync);
            Volatile.Write(ref _listening, 2);
        }
        catch (Exception e) when (e is SessionStoreUnavailableException or RedisException)
        {
            // Redis is away: leases are released after each request until a later request subscribes.
            Volatile.Write(ref _listening, 0);
        }
    }

    // "session id \n holder": another node waits for this lease.
    internal async Task OnAskedAsync(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        if (end <= 0)
        {
            return;
        }
        var sessionId = message[..end];
        var token = message[(end + 1)..];
        lock (_handover)
        {
            if (_holdings.TryGetValue(token, out var holding) && holding.SessionId == sessionId)
            {
                // A request of this node holds it: it releases it when it ends.
                holding.Keepable = false;
                return;
            }
            if (_kept.TryGetValue(sessionId, out var kept) && kept.Token == token)
            {
                _kept.TryRemove(KeyValuePair.Create(sessionId, kept));
            }
        }
        // Kept, or left behind by a release that did not reach Redis: either way no request of this node uses it.
        await ReleaseKeptAsync(sessionId, connection.Keys.Lease(sessionId), token);
    }

    private async Task ReleaseKeptAsync(string sessionId, RedisKey key, string token)
    {
        try
        {
            await connection.RunAsync(db => db.ScriptEvaluateAsync(ReleaseScript, [key], [token]));
        }
        catch (SessionStoreUnavailableException e)
        {
            // The lease lapses by its time to live; the asking node asks again meanwhile.
            LogReleaseFailed(logger, sessionId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A kept lease of session {SessionId} could not be released: {Reason}")]
    private static partial void LogReleaseFailed(ILogger logger, string sessionId, string reason);
}

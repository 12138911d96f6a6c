using System.Diagnostics;
using StackExchange.Redis;

using RazorFaces.Session;

namespace RazorFaces.Redis;

internal partial class RedisSessionStore
{
    private RedisConnection Connection => connection;

    private NodeLiveness? Liveness => liveness;

    /// <summary>
    /// One request's lease. Its time to live is short (a node that dies holding it blocks the session for that long
    /// at most, and for its liveness key's shorter time to live when it has one), so while the request runs the
    /// holder renews it every third of it, token-checked. A renewal that finds the lease gone stops: another node
    /// may be working on the session now; the save is then refused while that node holds the lease, and the version
    /// compare-and-set decides after it released it. The save keeps the lease for this node instead of releasing it
    /// when the store keeps leases (<see cref="SessionOptions.LeaseKeepTime"/>).
    /// </summary>
    internal sealed class Lease : ISessionLease
    {
        private readonly RedisSessionStore _store;
        private readonly RedisKey _key;
        private readonly string _token;
        private readonly long _timeToLive;
        private readonly ITimer _renewal;
        private readonly Holding _holding;
        private readonly KeptLease? _reused;
        private int _ended;
        private int _renewing;
        private int _renewals;
        private volatile bool _lost;

        // Reused: the kept lease this one was taken from, without asking Redis; null when Redis gave it.
        public Lease(RedisSessionStore store, string sessionId, RedisKey key, Holding holding, TimeSpan timeToLive, long? version, KeptLease? reused = null)
        {
            _reused = reused;
            _store = store;
            SessionId = sessionId;
            _key = key;
            _holding = holding;
            _token = holding.Token;
            _timeToLive = (long)timeToLive.TotalMilliseconds;
            Version = version;
            var period = timeToLive / 3;
            // Most requests end long before the first tick, so they never renew: the timer costs one allocation.
            _renewal = TimeProvider.System.CreateTimer(_ => Renew(), null, period, period);
        }

        public string SessionId { get; }

        public long? Version { get; }

        /// <summary>How often the lease was extended (tests).</summary>
        internal int Renewals => Volatile.Read(ref _renewals);

        /// <summary>Whether a renewal found the lease no longer this holder's (tests).</summary>
        internal bool Lost => _lost;

        public async Task<long?> SaveAndReleaseAsync(SessionChanges changes, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _ended) != 0, this);
            // The request is finishing: the save takes milliseconds, and the version fences it even if the lease lapses.
            _renewal.Dispose();
            var keep = _store.KeepMillisecondsFor(_holding);
            var lapses = _store.Liveness?.Lapses ?? 0;
            var interruptions = _store.Connection.Interruptions;
            var sent = Stopwatch.GetTimestamp();
            long? version;
            try
            {
                version = await _store.SaveAsync(SessionId, changes, (_key, _token, keep));
            }
            catch
            {
                // Whether the save reached Redis is unknown: the lease is not kept, and this request lets go of it here
                // (nothing disposes a lease taken for its save). The release is tried without waiting for it: Redis is
                // likely away, and the lease then lapses by its time to live, or this node takes its own leftover over.
                _holding.Keepable = false;
                if (End())
                {
                    _ = ReleaseAsync();
                }
                throw;
            }
            // Kept or released by the script.
            if (keep > 0 && version is not null)
            {
                await _store.KeptAsync(SessionId, _key, _holding, new KeptLease(_token, version, sent, changes.TimeToLive, lapses, interruptions));
            }
            End();
            return version;
        }

        public async ValueTask DisposeAsync()
        {
            // Taken from this node's memory and never renewed (taking the renewal flag stops one from starting): Redis
            // still holds it as it was kept, so a request that wrote nothing keeps it again without a round trip.
            if (_reused is not null && _holding.Keepable && Volatile.Read(ref _ended) == 0
                && Interlocked.CompareExchange(ref _renewing, 1, 0) == 0 && Renewals == 0 && !_lost)
            {
                await _store.KeptAsync(SessionId, _key, _holding, _reused);
                End();
                return;
            }
            if (End())
            {
                await ReleaseAsync();
            }
        }

        private async Task ReleaseAsync()
        {
            try
            {
                await _store.Connection.RunAsync(db => db.ScriptEvaluateAsync(ReleaseScript, [_key], [_token]));
            }
            catch (SessionStoreUnavailableException)
            {
                // Redis went away after the request was answered: the lease expires on its own.
            }
        }

        /// <summary>Stops renewing without releasing, as a node that dies would (tests).</summary>
        internal void Abandon() => End();

        private bool End()
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0)
            {
                return false;
            }
            _renewal.Dispose();
            _store.Unhold(_holding);
            return true;
        }

        private void Renew()
        {
            // One renewal at a time: a slow Redis must not pile them up.
            if (Volatile.Read(ref _ended) == 0 && !_lost && Interlocked.Exchange(ref _renewing, 1) == 0)
            {
                _ = RenewAsync();
            }
        }

        private async Task RenewAsync()
        {
            try
            {
                var renewed = (long)await _store.Connection.RunAsync(db => db.ScriptEvaluateAsync(RenewScript, [_key], [_token, _timeToLive]));
                if (renewed == 1)
                {
                    Interlocked.Increment(ref _renewals);
                }
                else
                {
                    // Not ours any more: stop renewing, but keep the lease usable, so the save still runs (fenced by
                    // the new holder's token and the version) and the release still checks the token.
                    _lost = true;
                    _renewal.Dispose();
                }
            }
            catch (Exception e) when (e is SessionStoreUnavailableException or RedisException or ObjectDisposedException)
            {
                // Redis is unreachable for now (or the node is stopping): the next tick tries again; if the lease
                // lapses meanwhile, the save's version compare-and-set still protects the session.
            }
            finally
            {
                Volatile.Write(ref _renewing, 0);
            }
        }
    }
}

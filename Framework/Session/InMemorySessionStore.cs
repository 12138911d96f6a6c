using System.Collections.Concurrent;

namespace RazorFaces.Session;

/// <summary>
/// The single-node store: session fields in this process's memory, with versions and expiry exactly like
/// the Redis store, so the rest of the framework cannot tell them apart. Values are copied in and out, so a
/// caller can never change what is stored except through <see cref="SaveAsync"/>.
/// </summary>
internal sealed class InMemorySessionStore(TimeProvider time) : ISessionStore
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);

    // Every stored session by when it expires, so claiming the expired costs what expires, not a scan of every
    // session (with thousands live, a scan per batch made expiry quadratic). Guarded by itself; taken inside an
    // entry's lock, never the other way round.
    private readonly SortedSet<(DateTimeOffset ExpiresAt, string Id)> _deadlines = new(
        Comparer<(DateTimeOffset ExpiresAt, string Id)>.Create((a, b) =>
            a.ExpiresAt != b.ExpiresAt ? a.ExpiresAt.CompareTo(b.ExpiresAt) : string.CompareOrdinal(a.Id, b.Id)));

    /// <summary>Sessions currently stored (expired ones are dropped as they are found).</summary>
    public int Count => _sessions.Count;

    /// <inheritdoc />
    /// <remarks>One node: its per-session gate is the whole lock, so the lease only carries the version.</remarks>
    public async Task<ISessionLease?> AcquireAsync(string sessionId, CancellationToken cancellationToken = default) =>
        new Lease(this, sessionId, await GetVersionAsync(sessionId, cancellationToken));

    /// <inheritdoc />
    public Task<StoredSession?> LoadAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry))
        {
            return Task.FromResult<StoredSession?>(null);
        }
        lock (entry)
        {
            if (IsExpired(entry) || entry.Removed)
            {
                // Left for ClaimExpiredAsync, which hands it (once) to the end-of-session hooks.
                return Task.FromResult<StoredSession?>(null);
            }
            var fields = entry.Fields.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal);
            return Task.FromResult<StoredSession?>(new StoredSession(entry.Version, fields));
        }
    }

    /// <inheritdoc />
    public Task<long?> GetVersionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry))
        {
            return Task.FromResult<long?>(null);
        }
        lock (entry)
        {
            return Task.FromResult(entry.Removed || IsExpired(entry) ? null : (long?)entry.Version);
        }
    }

    /// <inheritdoc />
    public Task<long?> SaveAsync(string sessionId, SessionChanges changes, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (!_sessions.TryGetValue(sessionId, out var entry))
            {
                if (changes.ExpectedVersion != 0)
                {
                    return Task.FromResult<long?>(null);
                }
                entry = new Entry();
                if (!_sessions.TryAdd(sessionId, entry))
                {
                    continue;
                }
            }
            lock (entry)
            {
                if (entry.Removed)
                {
                    continue;
                }
                if (IsExpired(entry) || entry.Version != changes.ExpectedVersion)
                {
                    return Task.FromResult<long?>(null);
                }
                foreach (var (name, value) in changes.Set)
                {
                    entry.Fields[name] = value.ToArray();
                }
                foreach (var name in changes.Removed)
                {
                    entry.Fields.Remove(name);
                }
                entry.Version++;
                var expiresAt = time.GetUtcNow() + changes.TimeToLive;
                lock (_deadlines)
                {
                    _deadlines.Remove((entry.ExpiresAt, sessionId));
                    _deadlines.Add((expiresAt, sessionId));
                }
                entry.ExpiresAt = expiresAt;
                return Task.FromResult<long?>(entry.Version);
            }
        }
    }

    /// <inheritdoc />
    public Task RemoveAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (_sessions.TryRemove(sessionId, out var entry))
        {
            lock (entry)
            {
                entry.Removed = true;
                lock (_deadlines)
                {
                    _deadlines.Remove((entry.ExpiresAt, sessionId));
                }
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExpiredSession>> ClaimExpiredAsync(int max, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = new List<(DateTimeOffset ExpiresAt, string Id)>();
        lock (_deadlines)
        {
            foreach (var deadline in _deadlines)
            {
                if (deadline.ExpiresAt > now || due.Count >= max)
                {
                    break;
                }
                due.Add(deadline);
            }
        }
        var claimed = new List<ExpiredSession>();
        foreach (var deadline in due)
        {
            var id = deadline.Id;
            if (!_sessions.TryGetValue(id, out var entry))
            {
                // Removed meanwhile (RemoveAsync drops its deadline too); never let a stale one block the front.
                lock (_deadlines)
                {
                    _deadlines.Remove(deadline);
                }
                continue;
            }
            lock (entry)
            {
                // Saved again since the deadline was read: it lives on under its new deadline.
                if (IsExpired(entry) && !entry.Removed && _sessions.TryRemove(KeyValuePair.Create(id, entry)))
                {
                    entry.Removed = true;
                    lock (_deadlines)
                    {
                        _deadlines.Remove((entry.ExpiresAt, id));
                    }
                    claimed.Add(new ExpiredSession(id, entry.Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal)));
                }
            }
        }
        return Task.FromResult<IReadOnlyList<ExpiredSession>>(claimed);
    }

    private bool IsExpired(Entry entry) => entry.Version > 0 && entry.ExpiresAt <= time.GetUtcNow();

    private sealed class Lease(InMemorySessionStore store, string sessionId, long? version) : ISessionLease
    {
        public string SessionId => sessionId;

        public long? Version => version;

        public Task<long?> SaveAndReleaseAsync(SessionChanges changes, CancellationToken cancellationToken = default) =>
            store.SaveAsync(sessionId, changes, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Entry
    {
        public Dictionary<string, byte[]> Fields { get; } = new(StringComparer.Ordinal);

        public long Version { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public bool Removed { get; set; }
    }
}

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
                entry.ExpiresAt = time.GetUtcNow() + changes.TimeToLive;
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
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExpiredSession>> ClaimExpiredAsync(int max, CancellationToken cancellationToken = default)
    {
        var claimed = new List<ExpiredSession>();
        foreach (var (id, entry) in _sessions)
        {
            if (claimed.Count >= max)
            {
                break;
            }
            lock (entry)
            {
                if (IsExpired(entry) && !entry.Removed && _sessions.TryRemove(KeyValuePair.Create(id, entry)))
                {
                    entry.Removed = true;
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

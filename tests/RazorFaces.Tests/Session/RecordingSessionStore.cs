using RazorFaces.Session;

namespace RazorFaces.Tests.Session;

/// <summary>
/// Wraps a store and records every successful write; can hold writes at the door so a test sees what happens
/// (or does not happen) while the store has not got them yet.
/// </summary>
internal sealed class RecordingSessionStore(ISessionStore inner) : ISessionStore
{
    private readonly Lock _sync = new();
    private readonly List<(string SessionId, SessionChanges Changes)> _writes = [];
    private TaskCompletionSource? _entered;
    private TaskCompletionSource? _release;
    private Exception? _failNext;

    /// <summary>The writes the inner store accepted, oldest first.</summary>
    public IReadOnlyList<(string SessionId, SessionChanges Changes)> Writes
    {
        get
        {
            lock (_sync)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>Forgets the writes recorded so far.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _writes.Clear();
        }
    }

    /// <summary>Makes the next writes wait until <paramref name="release"/> completes; the returned task completes when one arrives.</summary>
    public Task HoldWrites(Task release)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        release.ContinueWith(_ => gate.TrySetResult(), TaskScheduler.Default);
        lock (_sync)
        {
            _entered = entered;
            _release = gate;
        }
        return entered.Task;
    }

    /// <summary>Makes the next write fail with <paramref name="failure"/> before it reaches the inner store.</summary>
    public void FailNextWrite(Exception failure)
    {
        lock (_sync)
        {
            _failNext = failure;
        }
    }

    public async Task<ISessionLease?> AcquireAsync(string sessionId, CancellationToken cancellationToken = default) =>
        await inner.AcquireAsync(sessionId, cancellationToken) is { } lease ? new Lease(this, lease) : null;

    public Task<StoredSession?> LoadAsync(string sessionId, CancellationToken cancellationToken = default) =>
        inner.LoadAsync(sessionId, cancellationToken);

    public Task<long?> GetVersionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        inner.GetVersionAsync(sessionId, cancellationToken);

    public Task<long?> SaveAsync(string sessionId, SessionChanges changes, CancellationToken cancellationToken = default) =>
        RecordAsync(sessionId, changes, () => inner.SaveAsync(sessionId, changes, cancellationToken));

    private async Task<long?> RecordAsync(string sessionId, SessionChanges changes, Func<Task<long?>> save)
    {
        Task? hold;
        Exception? failure;
        lock (_sync)
        {
            _entered?.TrySetResult();
            hold = _release?.Task;
            failure = _failNext;
            _failNext = null;
        }
        if (failure is not null)
        {
            throw failure;
        }
        if (hold is not null)
        {
            await hold;
        }
        var version = await save();
        if (version is not null)
        {
            lock (_sync)
            {
                _writes.Add((sessionId, changes));
            }
        }
        return version;
    }

    public Task RemoveAsync(string sessionId, CancellationToken cancellationToken = default) =>
        inner.RemoveAsync(sessionId, cancellationToken);

    public Task<IReadOnlyList<ExpiredSession>> ClaimExpiredAsync(int max, CancellationToken cancellationToken = default) =>
        inner.ClaimExpiredAsync(max, cancellationToken);

    // Saves through the inner lease (so it is released as it would be), held and recorded like any write.
    private sealed class Lease(RecordingSessionStore store, ISessionLease inner) : ISessionLease
    {
        public string SessionId => inner.SessionId;

        public long? Version => inner.Version;

        public Task<long?> SaveAndReleaseAsync(SessionChanges changes, CancellationToken cancellationToken = default) =>
            store.RecordAsync(SessionId, changes, () => inner.SaveAndReleaseAsync(changes, cancellationToken));

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

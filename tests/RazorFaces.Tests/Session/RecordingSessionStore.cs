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

    public Task<StoredSession?> LoadAsync(string sessionId, CancellationToken cancellationToken = default) =>
        inner.LoadAsync(sessionId, cancellationToken);

    public Task<long?> GetVersionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        inner.GetVersionAsync(sessionId, cancellationToken);

    public async Task<long?> SaveAsync(string sessionId, SessionChanges changes, CancellationToken cancellationToken = default)
    {
        Task? hold;
        lock (_sync)
        {
            _entered?.TrySetResult();
            hold = _release?.Task;
        }
        if (hold is not null)
        {
            await hold;
        }
        var version = await inner.SaveAsync(sessionId, changes, cancellationToken);
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
}

namespace RazorFaces.Session;

/// <summary>One node: the session manager's per-session gate is the whole lock.</summary>
public sealed class LocalSessionLock : ISessionLock
{
    /// <summary>A held lock that needs no release.</summary>
    internal static IAsyncDisposable Held { get; } = new Nothing();

    /// <inheritdoc />
    public Task<IAsyncDisposable?> AcquireAsync(string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(Held);

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

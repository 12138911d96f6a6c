using RazorFaces.State;

namespace RazorFaces.Session;

/// <summary>
/// Exclusive use of one session for the length of a request. <see cref="State"/> is null when the session does
/// not exist (or has expired). Disposing releases the session for the next request.
/// </summary>
internal sealed class SessionLease(IDisposable gate, IAsyncDisposable clusterLock, SessionState? state) : IAsyncDisposable
{
    private int _released;

    public SessionState? State { get; } = state;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            try
            {
                await clusterLock.DisposeAsync();
            }
            finally
            {
                gate.Dispose();
            }
        }
    }
}

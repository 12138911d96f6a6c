namespace RazorFaces.Session;

/// <summary>
/// Makes one node at a time work on a session. A request that changes a session holds its lock; within a node
/// the session manager already serializes requests, so the single-node default (<see cref="LocalSessionLock"/>)
/// does nothing more. In a cluster the lock is a lease in Redis with a short time to live, so a crashed owner
/// holds it for seconds at most; writes are fenced by the session version besides.
/// </summary>
public interface ISessionLock
{
    /// <summary>The lock for one request, or null when another node held it for longer than the wait allows.</summary>
    /// <exception cref="SessionStoreUnavailableException">The lock store cannot be reached.</exception>
    Task<IAsyncDisposable?> AcquireAsync(string sessionId, CancellationToken cancellationToken);
}

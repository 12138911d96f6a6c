namespace RazorFaces.Session;

/// <summary>
/// Makes one node at a time work on a session. A request that changes a session holds its lock; within a node
/// the session manager already serializes requests, so the single-node default (<see cref="LocalSessionLock"/>)
/// does nothing more. A store that keeps leases itself (<see cref="ISessionLeaseStore"/>, e.g. Redis) replaces this
/// lock, so that taking the lease costs no round trip of its own; writes are fenced by the session version besides.
/// </summary>
public interface ISessionLock
{
    /// <summary>The lock for one request, or null when another node held it for longer than the wait allows.</summary>
    /// <exception cref="SessionStoreUnavailableException">The lock store cannot be reached.</exception>
    Task<IAsyncDisposable?> AcquireAsync(string sessionId, CancellationToken cancellationToken);
}

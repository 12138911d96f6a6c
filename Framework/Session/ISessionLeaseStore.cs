namespace RazorFaces.Session;

/// <summary>
/// A session store that also keeps the per-session leases (the cluster lock), so that a request waits for the
/// store twice: once to take the lease and read the version, once to save and release (or only release). The
/// session manager uses it, instead of <see cref="ISessionLock"/> and <see cref="ISessionStore.GetVersionAsync"/>,
/// when the registered store offers it (the Redis store does; the in-memory default needs no lease).
/// </summary>
public interface ISessionLeaseStore : ISessionStore
{
    /// <summary>
    /// Takes the session's lease and, in the same step, reads the session's version. While another holder has the
    /// lease it tries again for up to <see cref="Hosting.RazorFacesOptions.SessionLockWait"/>; null when that ran out.
    /// The holder keeps the lease (renewing it) until it saves with <see cref="ISessionStoreLease.SaveAndReleaseAsync"/>
    /// or disposes it.
    /// </summary>
    /// <exception cref="SessionStoreUnavailableException">The store cannot be reached.</exception>
    Task<ISessionStoreLease?> AcquireAsync(string sessionId, CancellationToken cancellationToken);
}

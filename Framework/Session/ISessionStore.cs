namespace RazorFaces.Session;

/// <summary>
/// Where session objects live between requests: in memory on one node (<see cref="InMemorySessionStore"/>),
/// or in Redis for a cluster. A stored session is a set of named fields (metadata, one per bean, one per view)
/// with a version, so a request writes only what it changed and a stale writer is refused.
/// </summary>
internal interface ISessionStore
{
    /// <summary>
    /// Takes the session's lease and, in the same step, reads its version. While another holder has the lease it
    /// tries again for up to the configured lock wait; null when that ran out. The holder keeps the lease (a store
    /// shared by several nodes renews it) until it saves with <see cref="ISessionLease.SaveAndReleaseAsync"/> or
    /// disposes it. A store that serves one node only needs no lock of its own: the node already runs one request
    /// per session at a time.
    /// </summary>
    /// <exception cref="SessionStoreUnavailableException">The store cannot be reached.</exception>
    Task<ISessionLease?> AcquireAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>The session's fields and version, or null when it does not exist or has expired.</summary>
    /// <exception cref="SessionStoreUnavailableException">The store cannot be reached.</exception>
    Task<StoredSession?> LoadAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>The session's current version, or null when it does not exist or has expired (cheap: no fields are read).</summary>
    /// <exception cref="SessionStoreUnavailableException">The store cannot be reached.</exception>
    Task<long?> GetVersionAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes changed fields and removes others if the stored version still equals
    /// <see cref="SessionChanges.ExpectedVersion"/> (0: the session must not exist yet), sets the expiry, and
    /// returns the new version; null when the version moved on or the session expired meanwhile (a late write
    /// never resurrects an expired session).
    /// </summary>
    /// <exception cref="SessionStoreUnavailableException">The store cannot be reached.</exception>
    Task<long?> SaveAsync(string sessionId, SessionChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Removes the session (invalidation).</summary>
    Task RemoveAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="max"/> sessions whose time ran out, with their last fields, and deletes them.
    /// Each expired session is handed to exactly one caller in the whole cluster, so its end-of-session hooks
    /// run exactly once.
    /// </summary>
    /// <exception cref="SessionStoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<ExpiredSession>> ClaimExpiredAsync(int max, CancellationToken cancellationToken = default);
}

namespace RazorFaces.Session;

/// <summary>
/// A session's lease, held by one request of one node (see <see cref="ISessionLeaseStore"/>). Disposing releases it
/// if it is still held, and only if it is still this holder's: a lease that expired and was taken by another node
/// is never deleted by the old holder.
/// </summary>
public interface ISessionStoreLease : IAsyncDisposable
{
    /// <summary>The session the lease is for.</summary>
    string SessionId { get; }

    /// <summary>The session's version when the lease was taken; null when it did not exist or had expired.</summary>
    long? Version { get; }

    /// <summary>
    /// Saves exactly like <see cref="ISessionStore.SaveAsync"/> (the version compare-and-set, not the lease, decides
    /// whether the write happens) and releases the lease in the same step, whatever the save's outcome. Disposing
    /// afterwards does nothing.
    /// </summary>
    /// <exception cref="SessionStoreUnavailableException">The store cannot be reached (the lease is then still held until disposed or expired).</exception>
    Task<long?> SaveAndReleaseAsync(SessionChanges changes, CancellationToken cancellationToken = default);
}

namespace RazorFaces.Session;

/// <summary>
/// One request's exclusive use of a session across the cluster, handed out by <see cref="ISessionStore.AcquireAsync"/>.
/// Taking it also reads the session's version, and the request's last save releases it in the same step, so a
/// request waits for the store twice: lease + version, then save + release. Disposing releases it if it is still
/// held, and only if it is still this holder's: a lease that expired and was taken by another node is never
/// deleted by the old holder.
/// </summary>
internal interface ISessionLease : IAsyncDisposable
{
    /// <summary>The session the lease is for.</summary>
    string SessionId { get; }

    /// <summary>The session's version when the lease was taken; null when it did not exist or had expired.</summary>
    long? Version { get; }

    /// <summary>
    /// Saves like <see cref="ISessionStore.SaveAsync"/> (the version compare-and-set decides whether the write
    /// happens, and a store shared by several nodes also refuses it while another holder has taken the lease, so a
    /// holder that froze and was taken for dead never writes under its successor) and releases the lease in the same
    /// step, whatever the save's outcome. Disposing afterwards does nothing.
    /// </summary>
    /// <exception cref="SessionStoreUnavailableException">The store cannot be reached (the lease is then still held until disposed or expired).</exception>
    Task<long?> SaveAndReleaseAsync(SessionChanges changes, CancellationToken cancellationToken = default);
}

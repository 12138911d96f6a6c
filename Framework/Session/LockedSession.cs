using RazorFaces.State;

namespace RazorFaces.Session;

/// <summary>
/// One request's exclusive use of a session: this node's gate for the session (requests of one session run one at
/// a time here) and the store's lease (one node at a time in the cluster). <see cref="State"/> is null when the
/// session does not exist or has expired. Disposing lets the next request in.
/// </summary>
internal sealed class LockedSession(IDisposable gate, ISessionLease? lease, SessionState? state) : IAsyncDisposable
{
    private ISessionLease? _lease = lease;
    private int _released;

    public SessionState? State { get; } = state;

    /// <summary>
    /// The lease, for the save that releases it in the same round trip; null once taken, for a session created by
    /// this request (nobody else can know its id yet), and for a session reached through a rotation's forward (the
    /// save goes to the new id, so it cannot release the old id's lease).
    /// </summary>
    public ISessionLease? TakeLeaseForSave()
    {
        var lease = Interlocked.Exchange(ref _lease, null);
        if (lease is not null && State is not null && lease.SessionId != State.Id)
        {
            Interlocked.Exchange(ref _lease, lease);
            return null;
        }
        return lease;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }
        try
        {
            if (Interlocked.Exchange(ref _lease, null) is { } lease)
            {
                await lease.DisposeAsync();
            }
        }
        finally
        {
            gate.Dispose();
        }
    }
}

namespace RazorFaces.Redis;

/// <summary>What one <c>WAIT</c> gave: how many replicas acknowledged, and how many the saves it covers needed.</summary>
internal readonly record struct ReplicaAck(long Acknowledged, long Required)
{
    public bool Enough => Acknowledged >= Required;
}

/// <summary>
/// Shares <c>WAIT</c>s among the saves to one Redis primary. <c>WAIT</c> blocks the connection it is sent on until the
/// replicas have every write sent on it before, so a save only needs some <c>WAIT</c> sent after its own write; and
/// since everything queued behind a <c>WAIT</c> on the multiplexed connection waits too, one per save would
/// serialize the node's whole traffic to that primary behind replica round trips. So at most one is in flight: a save
/// that arrives while one is in flight joins the next, which is sent as soon as the current one answers and covers
/// every save that joined it (group commit).
/// </summary>
internal sealed class ReplicaWaits(Func<Task<ReplicaAck>> wait)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<ReplicaAck>? _next;
    private bool _inFlight;

    /// <summary>What a <c>WAIT</c> sent after the caller's writes gave.</summary>
    public Task<ReplicaAck> WaitAsync()
    {
        lock (_gate)
        {
            if (_inFlight)
            {
                _next ??= new TaskCompletionSource<ReplicaAck>(TaskCreationOptions.RunContinuationsAsynchronously);
                return _next.Task;
            }
            _inFlight = true;
        }
        var first = new TaskCompletionSource<ReplicaAck>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = RunAsync(first);
        return first.Task;
    }

    private async Task RunAsync(TaskCompletionSource<ReplicaAck> current)
    {
        while (true)
        {
            try
            {
                current.SetResult(await wait());
            }
            catch (Exception e)
            {
                current.SetException(e);
            }
            lock (_gate)
            {
                if (_next is null)
                {
                    _inFlight = false;
                    return;
                }
                current = _next;
                _next = null;
            }
        }
    }
}

namespace RazorFaces.Redis;

/// <summary>
/// How many replicas of one Redis primary a save must reach before it is acknowledged: at least the configured minimum
/// and, unless turned off, every replica the primary has online. Redis promotes the replica it believes most up to
/// date only on a best-effort basis, so a save that only some replicas have can be lost to a failover that promotes
/// another; a save every online replica has survives whichever is promoted. And a primary that lost a replica (or was
/// just promoted and has fewer) goes on with the ones it has, down to the minimum, instead of refusing saves until a
/// replacement has synced.
/// </summary>
/// <remarks>
/// The count of online replicas is the primary's own (<c>ROLE</c>, which lists only replicas past their first sync: one
/// still loading it is not counted, since it cannot acknowledge yet). It is read again in the background once it
/// is older than <see cref="CountMaxAge"/>, and at once when a <c>WAIT</c> came back short: a replica that went away
/// since the count no longer holds up the saves after that one.
/// </remarks>
internal sealed class PrimaryReplicaAcks
{
    /// <summary>How old the count of online replicas may get before it is read again.</summary>
    public static readonly TimeSpan CountMaxAge = TimeSpan.FromMilliseconds(250);

    private readonly int _minimum;
    private readonly bool _everyOnline;
    private readonly Func<long, Task<long>> _wait;
    private readonly Func<Task<int>> _countOnline;
    private readonly TimeProvider _time;
    private readonly ReplicaWaits _waits;
    private readonly Lock _gate = new();
    private Task<int>? _counting;
    private int _online = -1;
    private long _countedAt;

    /// <param name="minimum">Replicas every save needs however many are online.</param>
    /// <param name="everyOnline">Whether a save also needs every replica the primary has online.</param>
    /// <param name="wait">Sends <c>WAIT</c> for that many replicas; answers how many acknowledged in time.</param>
    /// <param name="countOnline">Reads how many replicas the primary has online.</param>
    /// <param name="time">The clock the count's age is measured with.</param>
    public PrimaryReplicaAcks(int minimum, bool everyOnline, Func<long, Task<long>> wait, Func<Task<int>> countOnline, TimeProvider time)
    {
        _minimum = minimum;
        _everyOnline = everyOnline;
        _wait = wait;
        _countOnline = countOnline;
        _time = time;
        _waits = new ReplicaWaits(SendAsync);
    }

    /// <summary>What a <c>WAIT</c> sent after the caller's writes gave, and how many replicas the save needed.</summary>
    public Task<ReplicaAck> WaitAsync() => _waits.WaitAsync();

    private async Task<ReplicaAck> SendAsync()
    {
        if (!_everyOnline)
        {
            return new ReplicaAck(await _wait(_minimum), _minimum);
        }
        var required = Math.Max(_minimum, await OnlineAsync(fresh: false));
        var acknowledged = await _wait(required);
        if (acknowledged < required)
        {
            // A replica may have gone since the count (killed, cut off): what the save needs is every replica online
            // now. One that is online but did not acknowledge in time (paused, far behind) still refuses the save.
            required = Math.Max(_minimum, await OnlineAsync(fresh: true));
        }
        return new ReplicaAck(acknowledged, required);
    }

    private async Task<int> OnlineAsync(bool fresh)
    {
        TaskCompletionSource<int>? started = null;
        Task<int> counting;
        int known;
        lock (_gate)
        {
            known = _online;
            if (!fresh && known >= 0 && _time.GetElapsedTime(_countedAt) <= CountMaxAge)
            {
                return known;
            }
            if (_counting is null)
            {
                started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                _counting = started.Task;
            }
            counting = _counting;
        }
        if (started is not null)
        {
            _ = CountAsync(started);
        }
        // Known but old: this save goes on with it, the next ones get the new count.
        return !fresh && known >= 0 ? known : await counting;
    }

    private async Task CountAsync(TaskCompletionSource<int> counted)
    {
        try
        {
            var online = await _countOnline();
            lock (_gate)
            {
                (_online, _countedAt, _counting) = (online, _time.GetTimestamp(), null);
            }
            counted.SetResult(online);
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _counting = null;
            }
            counted.SetException(e);
            // A count read in the background has nobody waiting for it; its failure is not worth an unobserved task.
            _ = counted.Task.Exception;
        }
    }
}

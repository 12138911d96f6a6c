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
/// The count of online replicas is the primary's own (<c>ROLE</c>, which lists a replica once its first sync has been
/// sent to it), read for every <c>WAIT</c> and not kept: a replica that has just come back is online but may still be
/// loading that sync, and a count even a moment old would leave it out — the benchmark's Cluster runs lost acknowledged saves that
/// way, when exactly that replica was promoted next. It is read again when the <c>WAIT</c> came back short: a replica
/// that went away meanwhile no longer holds the save up, one online that did not acknowledge in time still refuses it.
/// </remarks>
internal sealed class PrimaryReplicaAcks
{
    private readonly int _minimum;
    private readonly bool _everyOnline;
    private readonly Func<long, Task<long>> _wait;
    private readonly Func<Task<int>> _countOnline;
    private readonly ReplicaWaits _waits;

    /// <param name="minimum">Replicas every save needs however many are online.</param>
    /// <param name="everyOnline">Whether a save also needs every replica the primary has online.</param>
    /// <param name="wait">Sends <c>WAIT</c> for that many replicas; answers how many acknowledged in time.</param>
    /// <param name="countOnline">Reads how many replicas the primary has online.</param>
    public PrimaryReplicaAcks(int minimum, bool everyOnline, Func<long, Task<long>> wait, Func<Task<int>> countOnline)
    {
        _minimum = minimum;
        _everyOnline = everyOnline;
        _wait = wait;
        _countOnline = countOnline;
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
        var required = Math.Max(_minimum, await _countOnline());
        var acknowledged = await _wait(required);
        if (acknowledged < required)
        {
            required = Math.Max(_minimum, await _countOnline());
        }
        return new ReplicaAck(acknowledged, required);
    }
}

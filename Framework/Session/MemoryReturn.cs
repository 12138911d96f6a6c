namespace RazorFaces.Session;

/// <summary>
/// After the node let go of many sessions or views (a crowd expiring, a flood passivated), asks the garbage collector
/// for a full, compacting collection that returns memory to the OS. Otherwise the process keeps that memory: after a
/// flood's sessions ended, the node's resident memory stayed at the flood's peak (docs/security.md, "Floods").
/// </summary>
/// <remarks>
/// The sweeps report every pass, also the ones that let go of nothing. The collection comes at the first quiet pass
/// once enough was let go of, so a crowd that takes several passes to end is collected once, after its last; under a
/// steady trickle it comes <see cref="LongestWait"/> after the trickle began. Never more than once a minute.
/// </remarks>
internal sealed class MemoryReturn(TimeProvider time)
{
    /// <summary>Sessions plus views let go of since the last collection that make one worth asking for.</summary>
    public const int Threshold = 1_000;

    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    private readonly Lock _sync = new();
    private long _released;
    private DateTimeOffset _releasingSince;
    private DateTimeOffset _lastCollection = DateTimeOffset.MinValue;

    /// <summary>How many full collections this asked for.</summary>
    public int Collections { get; private set; }

    /// <summary>A sweep's pass let go of <paramref name="count"/> sessions or views (0: a quiet pass).</summary>
    public void Released(int count)
    {
        lock (_sync)
        {
            var now = time.GetUtcNow();
            if (_released == 0 && count > 0)
            {
                _releasingSince = now;
            }
            _released += Math.Max(count, 0);
            var due = count <= 0 || now - _releasingSince >= LongestWait;
            if (_released < Threshold || !due || now - _lastCollection < MinimumInterval)
            {
                return;
            }
            _released = 0;
            _lastCollection = now;
            Collections++;
        }
        // Aggressive: compacts and gives the freed memory back to the OS (a background collection freed it inside the
        // process but kept it). It pauses requests while it runs — rarely, and when what is left alive is small.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}

namespace RazorFaces.Session;

/// <summary>
/// After the node let go of many sessions or views at once (a crowd expiring, a flood passivated), asks the garbage
/// collector for a full background collection, at most once a minute. Otherwise their memory stays with the process
/// until allocations happen to trigger a full collection, which on a quiet node after a flood can be never: the
/// resident memory measured stayed at its peak (docs/security.md, "Floods").
/// </summary>
internal sealed class MemoryReturn(TimeProvider time)
{
    /// <summary>Sessions plus views let go of since the last collection that make one worth asking for.</summary>
    public const int Threshold = 1_000;

    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _sync = new();
    private long _released;
    private DateTimeOffset _lastCollection = DateTimeOffset.MinValue;

    /// <summary>How many full collections this asked for.</summary>
    public int Collections { get; private set; }

    /// <summary>Counts <paramref name="count"/> sessions or views let go of; collects when enough have been.</summary>
    public void Released(int count)
    {
        if (count <= 0)
        {
            return;
        }
        lock (_sync)
        {
            _released += count;
            var now = time.GetUtcNow();
            if (_released < Threshold || now - _lastCollection < MinimumInterval)
            {
                return;
            }
            _released = 0;
            _lastCollection = now;
            Collections++;
        }
        // Background (not blocking): requests go on while it runs. Empty heap regions go back to the OS with it.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false);
    }
}

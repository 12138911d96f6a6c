namespace RazorFaces.Bench;

/// <summary>
/// One simulated user for the load part: its own session and its own /counter view, a transport kept open for server
/// pushes (a long-poll GET, or a hub connection that watches the view), and a click that checks its answer.
/// </summary>
internal abstract class LoadUser : IAsyncDisposable
{
    private LoadCounters? _counters;

    /// <summary>Where the push path counts what it receives and its errors; the driver points it at the current point.</summary>
    public LoadCounters? Counters
    {
        get => Volatile.Read(ref _counters);
        set => Volatile.Write(ref _counters, value);
    }

    /// <summary>Clicks increment and waits for the answer; throws unless it is exactly the next update (<see cref="CounterCheck"/>).</summary>
    public abstract Task ClickAsync();

    public abstract ValueTask DisposeAsync();
}

using System.Collections.Concurrent;

namespace RazorFaces.Tests.Push;

/// <summary>
/// What <see cref="FanOutPage"/> shows and does on a push, set by the test: the value the shared load reads (and
/// how often it was read), a gate a view's push handler waits on, and views whose handler throws.
/// </summary>
public sealed class FanOutProbe
{
    private int _loads;
    private int _running;
    private int _mostRunning;

    /// <summary>What the shared load returns.</summary>
    public string Value { get; set; } = "v0";

    /// <summary>Whether a push also copies the value into the view's saved state (a <c>[ViewState]</c> field).</summary>
    public bool KeepOnPush { get; set; }

    /// <summary>How many times the shared load ran.</summary>
    public int Loads => Volatile.Read(ref _loads);

    /// <summary>When set, a push handler reports its view here and waits for <see cref="Release"/>.</summary>
    public TaskCompletionSource<string>? Entered { get; set; }

    /// <summary>Completed by the test to let held push handlers go on.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Names of views whose push handler throws.</summary>
    public ConcurrentDictionary<string, bool> Failing { get; } = new(StringComparer.Ordinal);

    /// <summary>Names of views in the order their push handlers ran.</summary>
    public ConcurrentQueue<string> Handled { get; } = new();

    /// <summary>The most push handlers that ran at the same time.</summary>
    public int MostRunning => Volatile.Read(ref _mostRunning);

    /// <summary>A push handler starts: counted until <see cref="Leave"/>.</summary>
    public void Enter()
    {
        var running = Interlocked.Increment(ref _running);
        int most;
        while (running > (most = Volatile.Read(ref _mostRunning)) && Interlocked.CompareExchange(ref _mostRunning, running, most) != most)
        {
        }
    }

    public void Leave() => Interlocked.Decrement(ref _running);

    /// <summary>The shared load: counts itself.</summary>
    public Task<string> LoadAsync()
    {
        Interlocked.Increment(ref _loads);
        return Task.FromResult(Value);
    }
}

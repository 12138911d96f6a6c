using System.Diagnostics;

namespace RazorFaces.Bench;

/// <summary>
/// What one load point counted, written by every user concurrently and read once a second by <see cref="LoadProgress"/>:
/// events sent (and how many of them late), answered with their round trips, errors (never dropped: the first few
/// are kept verbatim), and updates that arrived on the server-push path (the poll, or the hub's <c>Receive</c>).
/// </summary>
internal sealed class LoadCounters
{
    private const int KeptErrors = 5;
    private readonly Lock _sync = new();
    private readonly List<long> _ticks = new(16 * 1024);
    private readonly List<string> _errors = [];
    private long _sent, _late, _errorCount, _pushed, _refreshed;

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Events sent after their scheduled time because the user still waited for the previous answer.</summary>
    public long Late => Interlocked.Read(ref _late);

    public long Errors => Interlocked.Read(ref _errorCount);

    /// <summary>Updates that came over the push path (poll answers, hub pushes), each checked like an answer.</summary>
    public long Pushed => Interlocked.Read(ref _pushed);

    /// <summary>Refreshes that came over the push path instead of updates (a stale poll), each checked.</summary>
    public long Refreshed => Interlocked.Read(ref _refreshed);

    public int Answered
    {
        get
        {
            lock (_sync)
            {
                return _ticks.Count;
            }
        }
    }

    public void OnSent(bool late)
    {
        Interlocked.Increment(ref _sent);
        if (late)
        {
            Interlocked.Increment(ref _late);
        }
    }

    public void OnAnswered(long ticks)
    {
        lock (_sync)
        {
            _ticks.Add(ticks);
        }
    }

    public void OnPushed(int updates, int refreshes)
    {
        Interlocked.Add(ref _pushed, updates);
        Interlocked.Add(ref _refreshed, refreshes);
    }

    public void OnError(string where, Exception error)
    {
        Interlocked.Increment(ref _errorCount);
        lock (_sync)
        {
            if (_errors.Count < KeptErrors)
            {
                _errors.Add($"{where}: {error.GetType().Name}: {error.Message}");
            }
        }
    }

    /// <summary>A copy of the round trips so far (Stopwatch ticks).</summary>
    public long[] Ticks()
    {
        lock (_sync)
        {
            return [.. _ticks];
        }
    }

    public IReadOnlyList<string> ErrorSamples()
    {
        lock (_sync)
        {
            return [.. _errors];
        }
    }

    /// <summary>The running median in milliseconds, or NaN before the first answer.</summary>
    public double MedianMs()
    {
        var ticks = Ticks();
        if (ticks.Length == 0)
        {
            return double.NaN;
        }
        Array.Sort(ticks);
        return ticks[(ticks.Length - 1) / 2] * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>Adds another counter's errors (count and samples, prefixed with <paramref name="where"/>) to this one's.</summary>
    public void Absorb(LoadCounters other, string where)
    {
        Interlocked.Add(ref _errorCount, other.Errors);
        lock (_sync)
        {
            foreach (var sample in other.ErrorSamples().Take(KeptErrors - _errors.Count))
            {
                _errors.Add($"{where} {sample}");
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace RazorFaces.Bench;

/// <summary>
/// The progress display of a long load run: once a second, the point being measured, its users, events sent and
/// answered so far, late sends, errors and the running p50, and the thread pool's threads and queue (a queue that
/// grows means the process, clients and server together, is short of CPU or blocked). On a terminal it rewrites one line in place
/// (<c>\r</c>); into a file or a pipe it writes one line a second.
/// </summary>
internal sealed class LoadProgress : IAsyncDisposable
{
    private readonly TextWriter _log;
    private readonly string _point;
    private readonly LoadCounters _counters;
    private readonly bool _inPlace;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _ticking;
    private int _width;

    private LoadProgress(TextWriter log, string point, LoadCounters counters)
    {
        _log = log;
        _point = point;
        _counters = counters;
        _inPlace = ReferenceEquals(log, Console.Out) && !Console.IsOutputRedirected;
        _ticking = TickAsync();
    }

    /// <summary>Starts showing the progress of <paramref name="point"/> (e.g. "long-poll, in-memory, 100 users").</summary>
    public static LoadProgress Start(TextWriter log, string point, LoadCounters counters) => new(log, point, counters);

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Show(final: false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Show(bool final)
    {
        var c = _counters;
        var p50 = c.MedianMs();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"  {_point}: {Stopwatch.GetElapsedTime(_started).TotalSeconds,5:0.0} s, sent {c.Sent}, answered {c.Answered}, pushed {c.Pushed}, refreshed {c.Refreshed}, late {c.Late}, errors {c.Errors}, p50 {(double.IsNaN(p50) ? "-" : p50.ToString("0.000", CultureInfo.InvariantCulture))} ms, pool threads {ThreadPool.ThreadCount} (queued {ThreadPool.PendingWorkItemCount}){(final ? " (done)" : "")}");
        if (_inPlace)
        {
            // Pad over the previous line's tail; the final line ends with a newline and stays.
            var padded = line.PadRight(_width);
            _width = line.Length;
            _log.Write("\r" + padded + (final ? Environment.NewLine : ""));
        }
        else
        {
            _log.WriteLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _ticking;
        Show(final: true);
        _stop.Dispose();
    }
}

namespace RazorFaces.Tests.Support;

/// <summary>
/// A clock that moves only when a test says so (Microsoft.Extensions.TimeProvider.Testing cannot be restored here).
/// <see cref="Advance"/> first moves the clock, then fires every timer that became due — each at most once per
/// call, a periodic one rescheduled past the new time — so whatever a callback sets off already sees the final time.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _sync = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    /// <summary>A clock at <paramref name="start"/> (default 2025-01-01 00:00 UTC).</summary>
    public ManualTimeProvider(DateTimeOffset? start = null) =>
        _now = start ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Timers created on this clock and not disposed.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_sync)
            {
                return _timers.Count;
            }
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_sync)
        {
            _timers.Add(timer);
        }
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="by"/> and fires the timers that became due.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        List<ManualTimer> due;
        lock (_sync)
        {
            _now += by;
            due = [.. _timers.Where(t => t.TakeIfDue(_now))];
        }
        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_sync)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        // Guarded by clock._sync.
        private DateTimeOffset? _due;
        private TimeSpan _period;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var fireNow = false;
            lock (clock._sync)
            {
                _period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                if (dueTime == TimeSpan.Zero)
                {
                    fireNow = TakeIfDue(clock._now);
                }
            }
            if (fireNow)
            {
                // As a system timer does: a zero due time fires on another thread, not inside Change.
                ThreadPool.QueueUserWorkItem(_ => Fire());
            }
            return true;
        }

        /// <summary>Whether the timer is due at <paramref name="now"/>; if so, schedules its next firing. Call under clock._sync.</summary>
        public bool TakeIfDue(DateTimeOffset now)
        {
            if (_due is not { } due || due > now)
            {
                return false;
            }
            if (_period > TimeSpan.Zero)
            {
                var next = due;
                while (next <= now)
                {
                    next += _period;
                }
                _due = next;
            }
            else
            {
                _due = null;
            }
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._sync)
            {
                _due = null;
            }
            clock.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

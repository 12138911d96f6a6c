using System.Diagnostics;

namespace RazorFaces.Bench;

/// <summary>
/// Drives users at a fixed offered load: user <c>u</c> sends its event <c>k</c> at
/// <c>start + phase(u) + k / rate</c>, the phase random in one period so the users do not fire in lockstep, and the
/// offered load is users × rate whatever the answers do. A user has one message in flight at a time (as the browser
/// client does); when the previous answer comes after the next event's time, that event goes out at once and counts
/// as late, and the user catches up event by event. The round trip is timed from the actual send, not from the
/// scheduled time. Without a rate it is a closed loop (each user sends again as soon as it has the answer).
/// </summary>
internal static class OpenLoopDriver
{
    /// <summary>
    /// Runs <paramref name="send"/> for each user until <paramref name="duration"/> is over, counting into
    /// <paramref name="counters"/>. A user whose send throws is counted as an error, reported to
    /// <paramref name="failed"/> and stops for the rest of the point (its view may be out of step now).
    /// </summary>
    /// <returns>The seconds from the start until the last user finished.</returns>
    public static async Task<double> RunAsync<TUser>(
        IReadOnlyList<TUser> users, Func<TUser, Task> send, double? ratePerUser, TimeSpan duration, LoadCounters counters,
        Action<int>? failed = null, int? seed = null)
    {
        var period = ratePerUser is { } rate ? (long)(Stopwatch.Frequency / rate) : 0;
        var random = seed is { } s ? new Random(s) : new Random();
        var phases = users.Select(_ => period == 0 ? 0 : random.NextInt64(period)).ToArray();
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(users.Select((user, index) => Task.Run(async () =>
        {
            var next = started + phases[index];
            while (next < stopAt)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= stopAt)
                {
                    break;
                }
                var late = false;
                if (next > now)
                {
                    await Task.Delay(Stopwatch.GetElapsedTime(now, next));
                }
                else
                {
                    // Busy with the previous event at this one's time: the user fell behind.
                    late = period > 0;
                }
                var sentAt = Stopwatch.GetTimestamp();
                counters.OnSent(late);
                try
                {
                    await send(user);
                }
                catch (Exception e)
                {
                    // Every failure is counted and shown in the report; the user sits out the rest of the point.
                    counters.OnError("send", e);
                    failed?.Invoke(index);
                    return;
                }
                counters.OnAnswered(Stopwatch.GetTimestamp() - sentAt);
                next += period;
            }
        })));
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}

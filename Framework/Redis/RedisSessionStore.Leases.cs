using System.Diagnostics;
using System.Security.Cryptography;
using StackExchange.Redis;

using RazorFaces.Session;

namespace RazorFaces.Redis;

internal partial class RedisSessionStore
{
    // A waiter polls with growing pauses, but never more than this apart (nor more than a tenth of the lease's time
    // to live), so a lease freed by its holder or expired after a crash is taken within a few milliseconds of it.
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(50);

    /// <inheritdoc />
    /// <remarks>
    /// The lease is <c>SET lease token NX PX ttl</c> inside the script that reads the version. It lives by Redis's
    /// clock, so waiting for it and renewing it follow real time, whatever <see cref="TimeProvider"/> the app uses.
    /// </remarks>
    public async Task<ISessionLease?> AcquireAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var timeToLive = TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(settings.LockTimeToLive.TotalMilliseconds)));
        var key = connection.Keys.Lease(sessionId);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        RedisKey[] keys = [.. Keys(sessionId), key];
        RedisValue[] arguments = [sessionId, token, (long)timeToLive.TotalMilliseconds];
        var longest = TimeSpan.FromTicks(Math.Max(FirstPause.Ticks, Math.Min(LongestPause.Ticks, timeToLive.Ticks / 10)));
        var started = Stopwatch.GetTimestamp();
        var pause = FirstPause;
        while (true)
        {
            var version = (long)await connection.RunAsync(db => db.ScriptEvaluateAsync(AcquireScript, keys, arguments));
            if (version >= 0)
            {
                return new Lease(this, sessionId, key, token, timeToLive, version == 0 ? null : version);
            }
            if (Stopwatch.GetElapsedTime(started) + pause > settings.LockWait)
            {
                return null;
            }
            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, longest.Ticks));
        }
    }
}

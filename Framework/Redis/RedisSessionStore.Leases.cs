using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
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
    /// The lease is a key holding the request's token (prefixed with this node's instance once its liveness key is
    /// written), set with a time to live inside the script that reads the version. It lives by Redis's clock, so
    /// waiting for it and renewing it follow real time, whatever <see cref="TimeProvider"/> the app uses. When the
    /// holder is another node whose liveness key is gone (<see cref="NodeLiveness"/>), the next attempt takes the lease
    /// over at once, compare-and-set on the dead holder's token: a dead node blocks its sessions for its liveness
    /// key's time to live, not the lease's. The liveness key lives on another slot than the lease, so on a Redis
    /// Cluster the question is a command of its own between two attempts, never part of the lease's script.
    /// </remarks>
    public async Task<ISessionLease?> AcquireAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var timeToLive = TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(settings.LockTimeToLive.TotalMilliseconds)));
        var key = connection.Keys.Lease(sessionId);
        var (kept, keptHolding, leftover) = TakeKept(sessionId, timeToLive);
        if (kept is not null)
        {
            // This node kept the lease since the session's last request here: nothing to ask Redis.
            return new Lease(this, sessionId, key, keptHolding!, timeToLive, kept.Version, kept);
        }
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        token = liveness?.Stamp(token) ?? token;
        var holding = Hold(sessionId, token);
        try
        {
            var lease = await TakeAsync(sessionId, key, holding, leftover, timeToLive, settings.LockWait, cancellationToken);
            if (lease is null)
            {
                Unhold(holding);
            }
            return lease;
        }
        catch
        {
            Unhold(holding);
            throw;
        }
    }

    // Leftover: this node's own lease of the session from an earlier request (kept too long, or a release that did
    // not reach Redis), taken over like a dead node's.
    private async Task<Lease?> TakeAsync(string sessionId, RedisKey key, Holding holding, string? leftover, TimeSpan timeToLive, TimeSpan wait, CancellationToken cancellationToken)
    {
        RedisKey[] keys = [.. Keys(sessionId), key];
        RedisValue[] arguments = [sessionId, holding.Token, (long)timeToLive.TotalMilliseconds, leftover ?? RedisValue.EmptyString];
        var longest = TimeSpan.FromTicks(Math.Max(FirstPause.Ticks, Math.Min(LongestPause.Ticks, timeToLive.Ticks / 10)));
        var started = Stopwatch.GetTimestamp();
        var pause = FirstPause;
        long asked = 0;
        while (true)
        {
            var result = await connection.RunAsync(db => db.ScriptEvaluateAsync(AcquireScript, keys, arguments));
            if (result.Resp2Type == ResultType.Integer)
            {
                var version = (long)result;
                return new Lease(this, sessionId, key, holding, timeToLive, version == 0 ? null : version);
            }
            var holder = (string)result!;
            if (liveness is not null && liveness.IsMine(holder) && !IsHeldHere(holder))
            {
                // This node's own, left by an earlier request, and no request of this node uses it: take it.
                arguments[3] = holder;
                continue;
            }
            if (liveness is not null && await liveness.IsGoneAsync(holder))
            {
                // Its node is gone: take it at once, but only if it still holds that dead node's token.
                arguments[3] = holder;
                LogTakingOver(logger, sessionId, holder);
                continue;
            }
            if (Stopwatch.GetElapsedTime(started) + pause > wait)
            {
                return null;
            }
            // A live node holds it, perhaps only kept from its last request there: ask it to let go.
            asked = await AskAsync(sessionId, holder, asked);
            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, longest.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Taking over the lease of session {SessionId} from {Holder}, whose node's liveness key is gone.")]
    private static partial void LogTakingOver(ILogger logger, string sessionId, string holder);
}

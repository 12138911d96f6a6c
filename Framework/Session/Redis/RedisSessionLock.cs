using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RazorFaces.Hosting;

namespace RazorFaces.Session.Redis;

/// <summary>
/// A per-session lease in Redis: <c>SET key token NX PX ttl</c>, released only by its owner (token check).
/// A second node waits up to <see cref="RazorFacesOptions.SessionLockWait"/> with growing pauses, then gives up
/// (the request is answered "busy, retry"). A crashed owner's lease simply expires.
/// </summary>
public sealed class RedisSessionLock(RedisConnection connection, IOptions<RazorFacesOptions> options) : ISessionLock
{
    /// <inheritdoc />
    public async Task<IAsyncDisposable?> AcquireAsync(string sessionId, CancellationToken cancellationToken)
    {
        var key = connection.LockKey(sessionId);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var deadline = DateTime.UtcNow + options.Value.SessionLockWait;
        var pause = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            if (await connection.RunAsync(db => db.LockTakeAsync(key, token, options.Value.SessionLockTimeToLive)))
            {
                return new Lease(connection, key, token);
            }
            if (DateTime.UtcNow + pause > deadline)
            {
                return null;
            }
            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 100));
        }
    }

    // Compare-and-delete in one round trip (the client library's LockRelease takes two: a watched transaction).
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private sealed class Lease(RedisConnection connection, string key, string token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.RunAsync(db => db.ScriptEvaluateAsync(ReleaseScript, [key], [token]));
            }
            catch (SessionStoreUnavailableException)
            {
                // Redis went away after the request was answered: the lease expires on its own.
            }
        }
    }
}

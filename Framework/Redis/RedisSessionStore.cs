using Microsoft.Extensions.Options;
using StackExchange.Redis;

using RazorFaces.Session;

namespace RazorFaces.Redis;

/// <summary>
/// The cluster store: one Redis hash per session (<c>meta</c>, one field per bean, one per view, and the
/// version in <c>~v</c>). Writes are compare-and-set on the version in one Lua script, so a node that lost
/// its lease cannot overwrite a newer state. Time is Redis's own: every node agrees on when a session ends,
/// and a late write never brings an expired session back. It also keeps the session leases
/// (<see cref="ISessionStore.AcquireAsync"/>), so an event waits for Redis twice: lease + version, then save + release.
/// </summary>
internal partial class RedisSessionStore(RedisConnection connection, IOptions<SessionOptions> options) : ISessionStore
{
    /// <summary>A store with the default options (lease time to live and wait).</summary>
    public RedisSessionStore(RedisConnection connection)
        : this(connection, Options.Create(new SessionOptions()))
    {
    }

    internal const string VersionField = "~v";

    /// <summary>How long an expired session's data stays for the node that claims it for its end-of-session hooks.</summary>
    internal static readonly TimeSpan ClaimGrace = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public Task<StoredSession?> LoadAsync(string sessionId, CancellationToken cancellationToken = default) =>
        connection.RunAsync(async db =>
        {
            var result = (RedisResult[])(await db.ScriptEvaluateAsync(LoadScript, Keys(sessionId), [sessionId]))!;
            return ToStored(result);
        });

    /// <inheritdoc />
    public Task<long?> GetVersionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        connection.RunAsync(async db =>
        {
            var version = await db.ScriptEvaluateAsync(VersionScript, Keys(sessionId), [sessionId]);
            return version.IsNull ? null : (long?)(long)version;
        });

    /// <inheritdoc />
    public Task<long?> SaveAsync(string sessionId, SessionChanges changes, CancellationToken cancellationToken = default) =>
        SaveAsync(sessionId, changes, lease: null);

    // With a lease (key, token), the same script also releases it: one round trip for save + release.
    private Task<long?> SaveAsync(string sessionId, SessionChanges changes, (RedisKey Key, string Token)? lease) =>
        connection.RunAsync(async db =>
        {
            var arguments = new List<RedisValue>(6 + (changes.Set.Count * 2) + changes.Removed.Count)
            {
                sessionId,
                changes.ExpectedVersion,
                (long)Math.Max(1, changes.TimeToLive.TotalMilliseconds),
                (long)ClaimGrace.TotalMilliseconds,
                lease?.Token ?? string.Empty,
                changes.Set.Count,
            };
            foreach (var (name, value) in changes.Set)
            {
                arguments.Add(name);
                arguments.Add(value);
            }
            foreach (var name in changes.Removed)
            {
                arguments.Add(name);
            }
            RedisKey[] keys = lease is { } held ? [.. Keys(sessionId), held.Key] : Keys(sessionId);
            var result = (long)await db.ScriptEvaluateAsync(SaveScript, keys, [.. arguments]);
            return result < 0 ? null : (long?)result;
        });

    /// <inheritdoc />
    public Task RemoveAsync(string sessionId, CancellationToken cancellationToken = default) =>
        connection.RunAsync(async db =>
        {
            var transaction = db.CreateTransaction();
            _ = transaction.KeyDeleteAsync(connection.SessionKey(sessionId));
            _ = transaction.SortedSetRemoveAsync(connection.DeadlinesKey, sessionId);
            return await transaction.ExecuteAsync();
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<ExpiredSession>> ClaimExpiredAsync(int max, CancellationToken cancellationToken = default) =>
        connection.RunAsync<IReadOnlyList<ExpiredSession>>(async db =>
        {
            var result = (RedisResult[])(await db.ScriptEvaluateAsync(
                ClaimScript, [connection.DeadlinesKey], [connection.SessionKey(string.Empty), max]))!;
            var claimed = new List<ExpiredSession>(result.Length / 2);
            for (var i = 0; i + 1 < result.Length; i += 2)
            {
                var fields = ToStored((RedisResult[])result[i + 1]!)?.Fields ?? new Dictionary<string, byte[]>();
                claimed.Add(new ExpiredSession((string)result[i]!, fields));
            }
            return claimed;
        });

    private RedisKey[] Keys(string sessionId) => [connection.SessionKey(sessionId), connection.DeadlinesKey];

    // HGETALL answers name, value, name, value, ...
    private static StoredSession? ToStored(RedisResult[] flat)
    {
        long version = 0;
        var fields = new Dictionary<string, byte[]>(flat.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            var name = (string)flat[i]!;
            if (name == VersionField)
            {
                version = (long)flat[i + 1];
            }
            else
            {
                fields[name] = (byte[])flat[i + 1]!;
            }
        }
        return version == 0 ? null : new StoredSession(version, fields);
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

using RazorFaces.Cluster;
using RazorFaces.Session;

namespace RazorFaces.Redis;

/// <summary>
/// The cluster store: one Redis hash per session (<c>meta</c>, one field per bean, one per view, and the
/// version in <c>~v</c>). Writes are compare-and-set on the version in one Lua script, so a node that lost
/// its lease cannot overwrite a newer state. Time is Redis's own: every node agrees on when a session ends,
/// and a late write never brings an expired session back. It also keeps the session leases
/// (<see cref="ISessionStore.AcquireAsync"/>), so an event waits for Redis twice: lease + version, then save + release;
/// once, when its node kept the lease from the session's last request (with a liveness key and the cluster bus).
/// With a <see cref="NodeLiveness"/>, its leases name this node, and it takes over at once the leases of nodes whose
/// liveness key is gone; without one (tests, tools), leases are freed by their time to live only.
/// </summary>
internal partial class RedisSessionStore(
    RedisConnection connection, IOptions<SessionOptions> options, NodeLiveness? liveness = null, ILogger<RedisSessionStore>? log = null,
    IClusterBus? bus = null)
    : ISessionStore
{
    private readonly ILogger logger = (ILogger?)log ?? NullLogger.Instance;

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
    public Task<long?> SaveAsync(string sessionId, SessionChanges changes, CancellationToken cancellationToken = default)
    {
        WrittenWithoutLease(sessionId);
        return SaveAsync(sessionId, changes, lease: null);
    }

    // With a lease (key, token, and how long to keep it), the same script also keeps or releases it: one round trip.
    private Task<long?> SaveAsync(string sessionId, SessionChanges changes, (RedisKey Key, string Token, long KeepMilliseconds)? lease) =>
        connection.RunAsync(async db =>
        {
            // Sized once: an event's save builds no list to copy into the array the client sends.
            var arguments = new RedisValue[7 + (changes.Set.Count * 2) + changes.Removed.Count];
            arguments[0] = sessionId;
            arguments[1] = changes.ExpectedVersion;
            arguments[2] = (long)Math.Max(1, changes.TimeToLive.TotalMilliseconds);
            arguments[3] = (long)ClaimGrace.TotalMilliseconds;
            arguments[4] = lease?.Token ?? string.Empty;
            arguments[5] = lease?.KeepMilliseconds ?? 0;
            arguments[6] = changes.Set.Count;
            var next = 7;
            foreach (var (name, value) in changes.Set)
            {
                arguments[next++] = name;
                arguments[next++] = value;
            }
            foreach (var name in changes.Removed)
            {
                arguments[next++] = name;
            }
            RedisKey[] keys = lease is { } held
                ? [connection.Keys.Session(sessionId), connection.Keys.DeadlinesOf(sessionId), held.Key]
                : Keys(sessionId);
            var result = (long)await db.ScriptEvaluateAsync(SaveScript, keys, arguments);
            if (result < 0)
            {
                return null;
            }
            // Acknowledged means durable (RazorFacesRedisOptions.ReplicaAcks): the answer waits for the replicas.
            await connection.WaitForReplicasAsync(keys[0]);
            return (long?)result;
        });

    /// <inheritdoc />
    public Task RemoveAsync(string sessionId, CancellationToken cancellationToken = default) =>
        connection.RunAsync(async db =>
        {
            WrittenWithoutLease(sessionId);
            // The hash and its bucket's index share a hash tag, so this transaction runs on one slot of a cluster.
            var transaction = db.CreateTransaction();
            _ = transaction.KeyDeleteAsync(connection.Keys.Session(sessionId));
            _ = transaction.SortedSetRemoveAsync(connection.Keys.DeadlinesOf(sessionId), sessionId);
            return await transaction.ExecuteAsync();
        });

    /// <inheritdoc />
    /// <remarks>
    /// No key spans the buckets: every node lists each bucket's expired ids (one small script per bucket, all sent at
    /// once), then claims each id with a script on that bucket's slot. Buckets are visited from a random one, so
    /// nodes sweeping at once mostly work on different sessions; a session two of them reach goes to one.
    /// </remarks>
    public Task<IReadOnlyList<ExpiredSession>> ClaimExpiredAsync(int max, CancellationToken cancellationToken = default) =>
        connection.RunAsync<IReadOnlyList<ExpiredSession>>(async db =>
        {
            var first = Random.Shared.Next(RedisKeys.Buckets);
            var listed = await Task.WhenAll(Enumerable.Range(0, RedisKeys.Buckets)
                .Select(i => (first + i) % RedisKeys.Buckets)
                .Select(async bucket =>
                {
                    var deadlines = connection.Keys.Deadlines(bucket);
                    var ids = (RedisResult[])(await db.ScriptEvaluateAsync(ExpiredScript, [deadlines], [max]))!;
                    return ids.Select(id => (string)id!);
                }));
            var candidates = listed.SelectMany(ids => ids).Take(max).ToList();
            var claims = await Task.WhenAll(candidates.Select(async id =>
            {
                var fields = await db.ScriptEvaluateAsync(ClaimScript, [connection.Keys.DeadlinesOf(id), connection.Keys.Session(id)], [id]);
                return fields.IsNull ? null : new ExpiredSession(id, ToStored((RedisResult[])fields!)?.Fields ?? new Dictionary<string, byte[]>());
            }));
            return [.. claims.OfType<ExpiredSession>()];
        });

    private RedisKey[] Keys(string sessionId) => [connection.Keys.Session(sessionId), connection.Keys.DeadlinesOf(sessionId)];

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

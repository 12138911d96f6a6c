using StackExchange.Redis;

namespace RazorFaces.Session.Redis;

/// <summary>
/// The cluster store: one Redis hash per session (<c>meta</c>, one field per bean, one per view, and the
/// version in <c>~v</c>). Writes are compare-and-set on the version in one Lua script, so a node that lost
/// its lease cannot overwrite a newer state, and expiry is Redis's own <c>PEXPIRE</c>, so every node agrees
/// on when a session ends and a late write never brings an expired session back.
/// </summary>
public sealed partial class RedisSessionStore(RedisConnection connection) : ISessionStore
{
    internal const string VersionField = "~v";

    /// <inheritdoc />
    public Task<StoredSession?> LoadAsync(string sessionId, CancellationToken cancellationToken = default) =>
        connection.RunAsync(async db =>
        {
            var entries = await db.HashGetAllAsync(connection.SessionKey(sessionId));
            if (entries.Length == 0)
            {
                return null;
            }
            long version = 0;
            var fields = new Dictionary<string, byte[]>(entries.Length, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (entry.Name == VersionField)
                {
                    version = (long)entry.Value;
                }
                else
                {
                    fields[entry.Name!] = entry.Value!;
                }
            }
            return version == 0 ? null : new StoredSession(version, fields);
        });

    /// <inheritdoc />
    public Task<long?> GetVersionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        connection.RunAsync(async db =>
        {
            var version = await db.HashGetAsync(connection.SessionKey(sessionId), VersionField);
            return version.IsNull ? null : (long?)(long)version;
        });

    /// <inheritdoc />
    public Task<long?> SaveAsync(string sessionId, SessionChanges changes, CancellationToken cancellationToken = default) =>
        connection.RunAsync(async db =>
        {
            var arguments = new List<RedisValue>(3 + (changes.Set.Count * 2) + changes.Removed.Count)
            {
                changes.ExpectedVersion,
                (long)Math.Max(1, changes.TimeToLive.TotalMilliseconds),
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
            var result = (long)await db.ScriptEvaluateAsync(SaveScript, [connection.SessionKey(sessionId)], [.. arguments]);
            return result < 0 ? null : (long?)result;
        });

    /// <inheritdoc />
    public Task RemoveAsync(string sessionId, CancellationToken cancellationToken = default) =>
        connection.RunAsync(db => db.KeyDeleteAsync(connection.SessionKey(sessionId)));
}

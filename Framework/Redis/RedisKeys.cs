using System.Text;

namespace RazorFaces.Redis;

/// <summary>
/// Where everything lives in Redis, laid out for Redis Cluster (docs/cluster.md, "Key layout"). Sessions fall into
/// <see cref="Buckets"/> buckets by a hash of their id; a bucket's keys all carry the bucket's hash tag, so one
/// session's hash, its lease and the bucket's deadline index share a slot, and every script works on one slot.
/// The buckets' tags are chosen so that bucket <c>i</c> sits in the <c>i</c>-th of <see cref="Buckets"/> equal
/// slices of the 16384 slots: however a cluster splits the slots into ranges, each shard gets its share of buckets.
/// </summary>
internal sealed class RedisKeys
{
    /// <summary>How many expiry buckets (and hash tags) sessions are spread over. Every node sweeps all of them.</summary>
    public const int Buckets = 64;

    private const int Slots = 16384;

    private static readonly string[] Tags = ChooseTags();

    private readonly string[] _sessionPrefixes;
    private readonly string[] _leasePrefixes;
    private readonly string[] _deadlines;

    public RedisKeys(string prefix)
    {
        if (prefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException("The Redis key prefix must not contain '{' or '}': RazorFaces adds its own hash tags.", nameof(prefix));
        }
        Prefix = prefix;
        _sessionPrefixes = [.. Tags.Select(t => $"{prefix}{{{t}}}:s:")];
        _leasePrefixes = [.. Tags.Select(t => $"{prefix}{{{t}}}:l:")];
        _deadlines = [.. Tags.Select(t => $"{prefix}{{{t}}}:deadlines")];
        Nodes = prefix + "nodes";
    }

    /// <summary>The prefix every key and channel starts with.</summary>
    public string Prefix { get; }

    /// <summary>The membership hash (one small key, written by every node's heartbeat).</summary>
    public string Nodes { get; }

    /// <summary>The bucket of a session: a stable hash of its id, the same on every node and build.</summary>
    public static int BucketOf(string sessionId) => Crc16(Encoding.UTF8.GetBytes(sessionId)) % Buckets;

    /// <summary>The session's hash: its fields and its version.</summary>
    public string Session(string sessionId) => _sessionPrefixes[BucketOf(sessionId)] + sessionId;

    /// <summary>The session's lease (a random token, <c>SET NX PX</c>).</summary>
    public string Lease(string sessionId) => _leasePrefixes[BucketOf(sessionId)] + sessionId;

    /// <summary>The deadline index (sorted set: session id → deadline in Redis ms) of the session's bucket.</summary>
    public string DeadlinesOf(string sessionId) => _deadlines[BucketOf(sessionId)];

    /// <summary>The deadline index of bucket <paramref name="bucket"/>.</summary>
    public string Deadlines(int bucket) => _deadlines[bucket];

    /// <summary>The hash slot Redis Cluster gives <paramref name="key"/> (its hash tag's, when it has one).</summary>
    public static int SlotOf(string key)
    {
        var open = key.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = key.IndexOf('}', open + 1);
            if (close > open + 1)
            {
                key = key[(open + 1)..close];
            }
        }
        return Crc16(Encoding.UTF8.GetBytes(key)) % Slots;
    }

    // For bucket i, the first of "b{i}", "b{i}.1", "b{i}.2", ... whose slot falls in the i-th slice of the slots.
    // Deterministic, so every node and build picks the same tags.
    private static string[] ChooseTags()
    {
        var tags = new string[Buckets];
        for (var bucket = 0; bucket < Buckets; bucket++)
        {
            var low = bucket * Slots / Buckets;
            var high = (bucket + 1) * Slots / Buckets;
            for (var attempt = 0; ; attempt++)
            {
                var tag = attempt == 0 ? $"b{bucket}" : $"b{bucket}.{attempt}";
                var slot = Crc16(Encoding.UTF8.GetBytes(tag)) % Slots;
                if (slot >= low && slot < high)
                {
                    tags[bucket] = tag;
                    break;
                }
            }
        }
        return tags;
    }

    // CRC-16/XMODEM (polynomial 0x1021, initial 0), the hash Redis Cluster maps keys to slots with.
    internal static int Crc16(ReadOnlySpan<byte> bytes)
    {
        var crc = 0;
        foreach (var b in bytes)
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }
}

using RazorFaces.Redis;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>The key layout for Redis Cluster (docs/cluster.md, "Key layout"), as pure functions.</summary>
public sealed class RedisKeysTests
{
    private readonly RedisKeys _keys = new("rf:");

    [Fact]
    public void SlotsAreComputedAsRedisClusterComputesThem()
    {
        // The check value of CRC-16/XMODEM, and slots from the Redis Cluster specification's examples.
        Assert.Equal(0x31C3, RedisKeys.Crc16("123456789"u8));
        Assert.Equal(RedisKeys.SlotOf("user1000"), RedisKeys.SlotOf("{user1000}.following"));
        Assert.Equal(RedisKeys.SlotOf("user1000"), RedisKeys.SlotOf("foo{user1000}{bar}"));
        Assert.Equal(RedisKeys.Crc16("foo{}{bar}"u8) % 16384, RedisKeys.SlotOf("foo{}{bar}"));
    }

    [Fact]
    public void ASessionsHashLeaseAndDeadlineIndexShareOneSlot()
    {
        for (var i = 0; i < 1000; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            var slot = RedisKeys.SlotOf(_keys.Session(id));

            Assert.Equal(slot, RedisKeys.SlotOf(_keys.Lease(id)));
            Assert.Equal(slot, RedisKeys.SlotOf(_keys.DeadlinesOf(id)));
            Assert.EndsWith(id, _keys.Session(id), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SessionsSpreadEvenlyOverTheShardsOfAClusterWhateverItsSlotRanges()
    {
        // redis-cli --cluster create splits the slots into equal ranges: with 3 masters, 0-5460, 5461-10922, 10923-16383.
        foreach (var shards in new[] { 2, 3, 5, 7 })
        {
            var buckets = new int[shards];
            for (var bucket = 0; bucket < RedisKeys.Buckets; bucket++)
            {
                buckets[RedisKeys.SlotOf(_keys.Deadlines(bucket)) * shards / 16384]++;
            }
            Assert.All(buckets, count => Assert.InRange(count, (RedisKeys.Buckets / shards) - 1, (RedisKeys.Buckets / shards) + 2));
        }
        var sessions = new int[3];
        for (var i = 0; i < 30000; i++)
        {
            sessions[RedisKeys.SlotOf(_keys.Session(Guid.NewGuid().ToString("N"))) * 3 / 16384]++;
        }
        Assert.All(sessions, count => Assert.InRange(count, 8500, 11500));
    }

    [Fact]
    public void EveryBucketHasItsOwnSlotAndKeysStartWithThePrefix()
    {
        var slots = Enumerable.Range(0, RedisKeys.Buckets).Select(b => RedisKeys.SlotOf(_keys.Deadlines(b))).ToList();

        Assert.Equal(RedisKeys.Buckets, slots.Distinct().Count());
        Assert.StartsWith("rf:{", _keys.Session("x"), StringComparison.Ordinal);
        Assert.Equal("rf:nodes", _keys.Nodes);
    }

    [Fact]
    public void APrefixWithAHashTagIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new RedisKeys("app{1}:"));
    }
}

using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>The lease scenarios (dead, slow and frozen holders) against a single redis-server.</summary>
public sealed class RedisLeaseConformanceTests(RedisServer redis) : SessionLeaseConformanceTests, IClassFixture<RedisServer>
{
    protected override string Configuration => redis.Configuration;
}

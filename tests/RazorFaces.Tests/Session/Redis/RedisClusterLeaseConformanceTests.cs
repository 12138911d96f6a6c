using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>The lease scenarios (dead, slow and frozen holders) against a Redis Cluster of three masters and three replicas (the lease and the liveness key on different slots).</summary>
public sealed class RedisClusterLeaseConformanceTests(RedisClusterDeployment cluster) : SessionLeaseConformanceTests, IClassFixture<RedisClusterDeployment>
{
    protected override string Configuration => cluster.Configuration;
}

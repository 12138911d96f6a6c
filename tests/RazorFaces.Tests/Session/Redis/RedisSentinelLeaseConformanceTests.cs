using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>The lease scenarios (dead, slow and frozen holders) against a primary and a replica found through three Sentinels.</summary>
public sealed class RedisSentinelLeaseConformanceTests(RedisSentinelDeployment sentinel) : SessionLeaseConformanceTests, IClassFixture<RedisSentinelDeployment>
{
    protected override string Configuration => sentinel.Configuration;
}

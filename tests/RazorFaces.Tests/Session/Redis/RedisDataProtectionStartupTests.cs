using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RazorFaces.Redis;
using RazorFaces.Tests.Support;
using StackExchange.Redis;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// The data-protection keys live in Redis (<c>ShareDataProtectionKeys</c>): a node that starts while Redis is away
/// says so in one Warning line of ours, not in an Error with a stack trace from data protection; with Redis there, the
/// key ring is read at start as data protection does on its own.
/// </summary>
public sealed class RedisDataProtectionStartupTests
{
    [Fact]
    public async Task ANodeStartingWhileRedisIsUnreachableLogsOneWarningOfOursAndNoDataProtectionError()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(services: s => s.AddRazorFacesRedis(o =>
            o.Configuration = $"127.0.0.1:{ClosedPort()}"));

        var ours = server.Logs.Entries.Where(e => e.Category == typeof(DataProtectionKeysStartup).FullName).ToList();
        var warning = Assert.Single(ours);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("data-protection keys are in Redis, which cannot be reached now", warning.Message, StringComparison.Ordinal);
        Assert.Null(warning.Exception);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal)
            && (e.Level >= LogLevel.Warning || e.Exception is not null));
    }

    [Fact]
    public async Task ANodeStartingWithRedisReadsTheKeyRingAtStart()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = $"rf-dp-{Guid.NewGuid():N}:";
        await using var server = await RazorFacesTestServer.StartDemoAsync(services: s => s.AddRazorFacesRedis(o =>
        {
            o.Configuration = redis.Configuration;
            o.KeyPrefix = prefix;
        }));

        // No request has been made: the key ring was read (and, Redis being empty, its first key written) at start.
        using var reader = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        Assert.True(await reader.GetDatabase().ListLengthAsync(prefix + "dataprotection-keys") > 0);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Category == typeof(DataProtectionKeysStartup).FullName);
    }

    // A loopback port nothing listens on: connections to it are refused at once.
    private static int ClosedPort() => RazorFaces.TestSupport.LoopbackPorts.Next();
}

using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RazorFaces.Redis;
using StackExchange.Redis;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// For a moment during a Sentinel or Cluster failover the client knows no primary for a key, and asking it for that
/// key's server throws an <see cref="InvalidOperationException"/> (seen in the Sentinel failover test as a 500). It is
/// Redis's state, not our bug: the save's replica wait must make it a retryable store-unavailable.
/// </summary>
public sealed class RedisNoPrimaryTests
{
    [Fact]
    public async Task AReplicaWaitWhileNoPrimaryIsKnownIsStoreUnavailable()
    {
        var options = new RazorFacesRedisOptions
        {
            ReplicaAcks = 1,
            ConnectionMultiplexerFactory = () => Task.FromResult(NoPrimaryMultiplexer.Create()),
        };
        using var connection = new RedisConnection(Options.Create(options), NullLogger<RedisConnection>.Instance);

        var error = await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => connection.WaitForReplicasAsync("rf:s:{abc}"));

        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    // A multiplexer in the state the client is in mid-failover: it cannot name the server owning any key.
    public class NoPrimaryMultiplexer : DispatchProxy
    {
        public static IConnectionMultiplexer Create() => Create<IConnectionMultiplexer, NoPrimaryMultiplexer>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name == nameof(IConnectionMultiplexer.GetServer) && args?.FirstOrDefault() is RedisKey)
            {
                throw new InvalidOperationException("It was not possible to resolve a connection to the server owning the specified key");
            }
            var returns = targetMethod?.ReturnType;
            return returns is null || returns == typeof(void) || !returns.IsValueType ? null : Activator.CreateInstance(returns);
        }
    }
}

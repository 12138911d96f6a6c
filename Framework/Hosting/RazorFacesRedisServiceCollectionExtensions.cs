using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RazorFaces;
using RazorFaces.Cluster;

using RazorFaces.Session;
using RazorFaces.Redis;
using StackExchange.Redis;

// Extension methods live in the namespace of what they extend, so they need no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts RazorFaces in cluster mode on Redis.</summary>
public static class RazorFacesRedisServiceCollectionExtensions
{
    /// <summary>
    /// Stores session objects in Redis (<paramref name="configuration"/>, e.g. <c>127.0.0.1:6379</c>), locks
    /// sessions with Redis leases, heartbeats this node into the cluster membership and carries pushes between
    /// nodes. The one connection it opens is also registered as <see cref="IConnectionMultiplexer"/>, for the app's
    /// own use of Redis. Call after <c>AddRazorFaces</c>.
    /// </summary>
    public static IServiceCollection AddRazorFacesRedis(this IServiceCollection services, string configuration, string keyPrefix = "rf:")
    {
        services.AddSingleton(new RedisConnection(configuration, keyPrefix));
        services.Replace(ServiceDescriptor.Singleton<ISessionStore, RedisSessionStore>());
        services.TryAddSingleton<RedisClusterMembership>();
        services.Replace(ServiceDescriptor.Singleton<IClusterMembership>(p => p.GetRequiredService<RedisClusterMembership>()));
        services.AddSingleton<IHostedService>(p => p.GetRequiredService<RedisClusterMembership>());
        services.Replace(ServiceDescriptor.Singleton<IClusterBus, RedisClusterBus>());
        services.TryAddSingleton(p => p.GetRequiredService<RedisConnection>().Multiplexer);
        return services;
    }
}

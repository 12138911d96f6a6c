using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
    /// Stores session objects in Redis (<paramref name="configuration"/>: a StackExchange.Redis configuration string,
    /// e.g. <c>127.0.0.1:6379</c>, several endpoints, <c>serviceName=</c> for Sentinel, <c>user=</c>, <c>password=</c>,
    /// <c>ssl=true</c>), with keys under <paramref name="keyPrefix"/>. See the overload taking
    /// <see cref="RazorFacesRedisOptions"/>.
    /// </summary>
    public static IServiceCollection AddRazorFacesRedis(this IServiceCollection services, string configuration, string keyPrefix = "rf:") =>
        services.AddRazorFacesRedis(o =>
        {
            o.Configuration = configuration;
            o.KeyPrefix = keyPrefix;
        });

    /// <summary>
    /// Stores session objects in Redis (a single server, a Redis Cluster or a primary found through Sentinel), locks
    /// sessions with Redis leases, heartbeats this node into the cluster membership and carries pushes between
    /// nodes. Unless <see cref="RazorFacesRedisOptions.ConnectionMultiplexerFactory"/> gives one, the connection it
    /// opens is also registered as <see cref="IConnectionMultiplexer"/>, for the app's own use of Redis. Call after
    /// <c>AddRazorFaces</c>. A configuration that names no Redis, or a key prefix with a hash tag, fails at start-up.
    /// </summary>
    public static IServiceCollection AddRazorFacesRedis(this IServiceCollection services, Action<RazorFacesRedisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RazorFacesRedisOptions>()
            .Configure(configure)
            .Validate(o => o.Configuration is { Length: > 0 } || o.ConfigurationOptions is not null || o.ConnectionMultiplexerFactory is not null,
                "AddRazorFacesRedis needs Configuration, ConfigurationOptions or ConnectionMultiplexerFactory.")
            .Validate(o => o.KeyPrefix is not null && o.KeyPrefix.AsSpan().IndexOfAny('{', '}') < 0,
                "RazorFacesRedisOptions.KeyPrefix must not contain '{' or '}': RazorFaces adds its own hash tags.")
            .Validate(o => o.ReplicaAcks >= 0 && o.ReplicaAckTimeout > TimeSpan.Zero,
                "RazorFacesRedisOptions.ReplicaAcks must be 0 or more, and ReplicaAckTimeout positive.")
            .ValidateOnStart();
        services.TryAddSingleton<RedisConnection>();
        services.Replace(ServiceDescriptor.Singleton<ISessionStore, RedisSessionStore>());
        // Written from start-up on, so other nodes can tell this one's leases from a dead node's.
        services.TryAddSingleton<NodeLiveness>();
        services.AddSingleton<IHostedService>(p => p.GetRequiredService<NodeLiveness>());
        services.TryAddSingleton<NodeHealth>();
        services.TryAddSingleton<RedisClusterMembership>();
        services.Replace(ServiceDescriptor.Singleton<IClusterMembership>(p => p.GetRequiredService<RedisClusterMembership>()));
        services.AddSingleton<IHostedService>(p => p.GetRequiredService<RedisClusterMembership>());
        services.Replace(ServiceDescriptor.Singleton<IClusterBus, RedisClusterBus>());
        services.TryAddSingleton(p => p.GetRequiredService<RedisConnection>().Multiplexer);
        ShareDataProtectionKeys(services);
        return services;
    }

    // A sign-in cookie issued by one node must be readable by the node that takes the session over.
    private static void ShareDataProtectionKeys(IServiceCollection services)
    {
        services.AddDataProtection();
        // Data protection's start-up read of the key ring runs only when Redis answers (DataProtectionKeysStartup).
        if (services.FirstOrDefault(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == DataProtectionKeysStartup.KeyRingPreloadType) is { ImplementationType: { } preloadType } preload)
        {
            services.Remove(preload);
            services.AddSingleton<IHostedService>(p => ActivatorUtilities.CreateInstance<DataProtectionKeysStartup>(
                p, (IHostedService)ActivatorUtilities.CreateInstance(p, preloadType)));
        }
        services.AddOptions<KeyManagementOptions>().Configure<RedisConnection, IOptions<RazorFacesRedisOptions>>((keys, redis, options) =>
        {
            if (options.Value.ShareDataProtectionKeys && keys.XmlRepository is null)
            {
                keys.XmlRepository = new RedisXmlRepository(() => redis.Multiplexer.GetDatabase(), redis.Keys.Prefix + "dataprotection-keys");
            }
        });
    }
}

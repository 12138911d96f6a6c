using Microsoft.Extensions.Logging;
using StackExchange.Redis;

using RazorFaces.Cluster;

namespace RazorFaces.Redis;

/// <summary>The cluster bus on Redis pub/sub (channels under the connection's key prefix).</summary>
internal partial class RedisClusterBus(RedisConnection connection, ILogger<RedisClusterBus> logger) : IClusterBus
{
    /// <inheritdoc />
    public Task PublishAsync(string channel, string message) =>
        connection.RunOnMultiplexerAsync(m => m.GetSubscriber().PublishAsync(RedisChannel.Literal(connection.KeyPrefix + channel), message));

    /// <inheritdoc />
    public Task SubscribeAsync(string channel, Func<string, Task> handler) =>
        connection.RunOnMultiplexerAsync<bool>(async multiplexer =>
        {
            await multiplexer.GetSubscriber().SubscribeAsync(RedisChannel.Literal(connection.KeyPrefix + channel), (redisChannel, value) =>
            {
                // Handlers run off the Redis connection's thread so a slow one never stalls the connection.
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await handler((string)value!);
                    }
                    catch (Exception e)
                    {
                        LogHandlerFailed(logger, channel, e);
                    }
                });
            });
            return true;
        });

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of cluster channel {Channel} failed.")]
    private static partial void LogHandlerFailed(ILogger logger, string channel, Exception exception);
}

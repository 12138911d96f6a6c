using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RazorFaces.Redis;

/// <summary>
/// Stands in for ASP.NET data protection's own start-up service, which reads the key ring once at start. With the
/// keys in Redis and Redis unreachable, that read would log an Error with a stack trace from data protection although
/// nothing is wrong with the node: it starts and serves 503s until Redis is back (the key ring is read again on the
/// first request that needs it). So the read runs only when Redis answers; otherwise one Warning of ours says so.
/// </summary>
internal sealed partial class DataProtectionKeysStartup(
    IHostedService keyRingPreload, RedisConnection connection, IOptions<RazorFacesRedisOptions> options, ILogger<DataProtectionKeysStartup> logger)
    : IHostedService
{
    /// <summary>The type name of data protection's own start-up service (internal to ASP.NET Core), which this one wraps.</summary>
    internal const string KeyRingPreloadType = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ShareDataProtectionKeys)
        {
            try
            {
                await connection.RunAsync(db => db.PingAsync());
            }
            catch (SessionStoreUnavailableException e)
            {
                LogKeysUnreachable(logger, e.InnerException?.Message ?? e.Message);
                return;
            }
        }
        await keyRingPreload.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => keyRingPreload.StopAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The data-protection keys are in Redis, which cannot be reached now; they are read on the first request that needs them. {Reason}")]
    private static partial void LogKeysUnreachable(ILogger logger, string reason);
}

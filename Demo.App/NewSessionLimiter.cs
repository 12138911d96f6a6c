using System.Threading.RateLimiting;

namespace Demo.App;

/// <summary>
/// ASP.NET Core rate limiting for the requests that start a session: page loads without a session cookie. A flood of
/// cookieless GETs from one address would otherwise fill the node with sessions and views (docs/security.md).
/// </summary>
public static class NewSessionLimiter
{
    // The framework's session cookie (docs/protocol.md). A request that makes one up gets past this limiter, but
    // then meets Sessions.MaxPerNode: an unknown id starts a session like no cookie does.
    private const string SessionCookie = "rf-session";

    /// <summary>A token bucket per client address: <paramref name="perMinute"/> new sessions a minute, as a burst or spread out.</summary>
    public static PartitionedRateLimiter<HttpContext> PerClientAddress(int perMinute) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            StartsASession(context)
                ? RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = perMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));

    private static bool StartsASession(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !context.Request.Path.StartsWithSegments("/_rf")
        && !context.Request.Cookies.ContainsKey(SessionCookie);
}

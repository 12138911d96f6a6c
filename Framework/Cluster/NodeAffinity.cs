using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RazorFaces.Cluster;

/// <summary>
/// Names the node that served a session in its own cookie (<c>rf-node</c>), which a load balancer can stick on
/// (haproxy: <c>cookie rf-node</c>). It is never part of the session id, so moving to another node never
/// creates a second session and coming back works. A draining node clears it, so clients move on.
/// </summary>
internal static class NodeAffinity
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "rf-node";

    /// <summary>Sets (or, while draining, clears) the affinity cookie on the response.</summary>
    public static void Mark(HttpContext context)
    {
        var services = context.RequestServices;
        var node = services.GetRequiredService<IOptions<ClusterOptions>>().Value.NodeName;
        if (services.GetRequiredService<NodeDrain>().IsDraining)
        {
            context.Response.Cookies.Delete(CookieName);
        }
        else if (context.Request.Cookies[CookieName] != node)
        {
            context.Response.Cookies.Append(CookieName, node, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, Path = "/" });
        }
    }
}

using RazorFaces.Transport;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds RazorFaces' node check to an app's ASP.NET Core health checks.</summary>
public static class RazorFacesHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds the check behind <c>/healthz</c> (named <c>razorfaces</c>: unhealthy while the node drains, when the
    /// session store cannot be read, or when this node's last write to it failed) to the app's health checks, so
    /// the app's own <c>MapHealthChecks</c> endpoint reports it beside the app's checks. <c>AddRazorFaces</c>
    /// already adds it; call this to give it <paramref name="tags"/> for a predicate. Added once, however often called.
    /// </summary>
    public static IHealthChecksBuilder AddRazorFaces(this IHealthChecksBuilder builder, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        HealthEndpoint.AddCheck(builder.Services, tags);
        return builder;
    }
}

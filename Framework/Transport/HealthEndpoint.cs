using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RazorFaces.Transport;

/// <summary>
/// <c>GET /healthz</c>: ASP.NET Core's health-check endpoint running only <see cref="NodeHealthCheck"/>: 200 when
/// this node can serve, 503 while it drains, when the store is down or when it can only be read — what a load
/// balancer's health check needs. An app's own checks never make it fail; they belong on the app's own endpoint.
/// </summary>
internal static class HealthEndpoint
{
    /// <summary>Registers the check once, however often it is asked for, with every tag anyone asked for.</summary>
    public static void AddCheck(IServiceCollection services, IEnumerable<string> tags)
    {
        var registered = services.FirstOrDefault(d => d.ServiceType == typeof(HealthCheckTags))?.ImplementationInstance as HealthCheckTags;
        if (registered is null)
        {
            registered = new HealthCheckTags();
            services.AddSingleton(registered);
            services.AddSingleton<NodeHealthCheck>();
            services.AddHealthChecks();
            // Runs when the health-check options are first read, so it sees the tags of every call made before.
            services.Configure<HealthCheckServiceOptions>(o => o.Registrations.Add(
                new HealthCheckRegistration(NodeHealthCheck.Name, p => p.GetRequiredService<NodeHealthCheck>(), HealthStatus.Unhealthy, registered.Tags)));
        }
        registered.Tags.UnionWith(tags);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = registration => registration.Name == NodeHealthCheck.Name,
            ResponseWriter = WriteAsync,
        });

    // The body load balancers and operators already read: {"node":…,"status":…,"reason":…}.
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var data = report.Entries.TryGetValue(NodeHealthCheck.Name, out var entry)
            ? entry.Data
            : new Dictionary<string, object> { ["status"] = "not-registered" };
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(data));
    }

    private sealed class HealthCheckTags
    {
        public HashSet<string> Tags { get; } = new(StringComparer.Ordinal);
    }
}

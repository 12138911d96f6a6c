using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RazorFaces;
using RazorFaces.Hosting;
using RazorFaces.Protocol;
using RazorFaces.Transport;
using RazorFaces.Views;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps RazorFaces pages and endpoints.</summary>
public static class RazorFacesEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every <c>@page</c> route of <typeparamref name="TApp"/>'s assembly to a server-rendered view whose
    /// root component is <typeparamref name="TApp"/> (usually an <c>App.razor</c> holding a <c>Router</c>), plus
    /// the framework's own endpoints under <c>/_rf</c>. Checks at start-up that every bean and every
    /// component's <c>[ViewState]</c> can be stored in the session object.
    /// </summary>
    public static IEndpointRouteBuilder MapRazorFaces<TApp>(this IEndpointRouteBuilder endpoints, params Assembly[] additionalAssemblies)
        where TApp : IComponent
    {
        var app = endpoints;
        endpoints = SecurityHeaders.Group(endpoints);
        var services = endpoints.ServiceProvider;
        services.GetRequiredService<AppRoot>().Component = typeof(TApp);
        Assembly[] assemblies = [typeof(TApp).Assembly, .. additionalAssemblies];
        StartupValidation.Run(services, assemblies);
        // Pushes from other nodes arrive from the start; a failure (Redis down) is retried by the next push.
        _ = services.GetRequiredService<RazorFaces.Push.PushScheduler>().StartAsync();
        ClientScript.Map(endpoints);
        HealthEndpoint.Map(endpoints);
        LongPollEndpoints.Map(endpoints);
        RazorFaces.Transport.SignalR.HubRegistration.Map(endpoints);
        // Shows stored state; the stored format is binary, so developers need a way to read it.
        if (services.GetService<IHostEnvironment>()?.IsDevelopment() == true)
        {
            SessionDumpEndpoint.Map(endpoints);
        }
        if (services.GetRequiredService<IOptions<RazorFacesOptions>>().Value.EnableTestHooks)
        {
            endpoints.MapPost(ProtocolConstants.EndpointPrefix + "/test/passivate", async (ViewRegistry views) =>
            {
                var count = views.Count;
                await views.RemoveAllAsync();
                return Results.Ok(new { passivated = count });
            });
        }
        foreach (var template in PageRoutes.Find(assemblies))
        {
            endpoints.MapGet(template, (HttpContext context, PageEndpoint page) => page.RenderAsync(context));
        }
        return app;
    }
}

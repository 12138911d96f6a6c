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
using RazorFaces.Session;
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
    /// <returns>
    /// The pages and the ways into their views (<c>/_rf/send</c>, <c>/_rf/poll</c>, the hub), for the app's own
    /// conventions: <c>.RequireAuthorization()</c> makes every page and every event need a signed-in user. A page's
    /// own attributes (<c>[Authorize]</c>, <c>[AllowAnonymous]</c>) are its endpoint's metadata, as in Blazor: a first
    /// GET of an <c>[Authorize]</c> page by nobody is challenged (a redirect to the login page with cookie sign-in).
    /// The client script and <c>/healthz</c> stay open.
    /// </returns>
    public static IEndpointConventionBuilder MapRazorFaces<TApp>(this IEndpointRouteBuilder endpoints, params Assembly[] additionalAssemblies)
        where TApp : IComponent
    {
        endpoints = SecurityHeaders.Group(endpoints);
        var services = endpoints.ServiceProvider;
        services.GetRequiredService<AppRoot>().Component = typeof(TApp);
        Assembly[] assemblies = [typeof(TApp).Assembly, .. additionalAssemblies];
        StartupValidation.Run(services, assemblies);
        // Pushes from other nodes arrive from the start; a failure (Redis down) is retried by the next push.
        _ = services.GetRequiredService<RazorFaces.Push.PushScheduler>().StartAsync();
        ClientScript.Map(endpoints);
        HealthEndpoint.Map(endpoints);
        var views = endpoints.MapGroup(string.Empty);
        LongPollEndpoints.Map(views);
        StreamEndpoint.Map(views);
        RazorFaces.Transport.SignalR.HubRegistration.Map(views);
        // Shows stored state; the stored format is binary, so developers need a way to read it.
        if (services.GetService<IHostEnvironment>()?.IsDevelopment() == true)
        {
            SessionDumpEndpoint.Map(endpoints);
        }
        if (services.GetRequiredService<IOptions<RazorFacesOptions>>().Value.EnableTestHooks)
        {
            endpoints.MapPost(ProtocolConstants.EndpointPrefix + "/test/passivate", async (ViewRegistry views, SessionManager sessions) =>
            {
                var count = views.Count;
                await views.RemoveAllAsync();
                await sessions.ReleaseUnusedAsync();
                return Results.Ok(new { passivated = count });
            });
        }
        foreach (var (template, page) in PageRoutes.Find(assemblies))
        {
            views.MapGet(template, (HttpContext context, PageEndpoint endpoint) => endpoint.RenderAsync(context))
                .WithMetadata([.. page.GetCustomAttributes(inherit: true)]);
        }
        return views;
    }
}

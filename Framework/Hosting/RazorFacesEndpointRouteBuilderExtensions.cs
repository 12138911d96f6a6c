using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RazorFaces.Hosting;
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
    /// the framework's own endpoints under <c>/_rf</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapRazorFaces<TApp>(this IEndpointRouteBuilder endpoints, params Assembly[] additionalAssemblies)
        where TApp : IComponent
    {
        ClientScript.Map(endpoints);
        LongPollEndpoints.Map(endpoints);
        foreach (var template in PageRoutes.Find([typeof(TApp).Assembly, .. additionalAssemblies]))
        {
            endpoints.MapGet(template, context => RenderPageAsync(context, typeof(TApp)));
        }
        return endpoints;
    }

    private static async Task RenderPageAsync(HttpContext context, Type rootComponent)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<RazorFacesOptions>>().Value;
        var session = services.GetRequiredService<SessionRegistry>().GetOrCreate(context);
        var request = context.Request;
        var baseUri = $"{request.Scheme}://{request.Host}{request.PathBase}/";
        var view = await LiveView.CreateAsync(services, rootComponent, session.Id, baseUri, request.GetEncodedUrl());
        var (number, dom, location) = view.Snapshot();
        if (location is not null)
        {
            // NavigateTo(forceLoad) while the page was first rendering: an ordinary redirect.
            await view.DisposeAsync();
            context.Response.Redirect(location);
            return;
        }
        await services.GetRequiredService<ViewRegistry>().AddAsync(session, view);
        context.Response.ContentType = "text/html; charset=utf-8";
        // The page embeds a view id; a cached copy would resurrect a view that no longer exists.
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(HostPage.Write(options, request.PathBase, session.CsrfToken, view.Id, number, dom));
    }
}

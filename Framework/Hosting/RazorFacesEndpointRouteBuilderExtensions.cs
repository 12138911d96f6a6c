using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RazorFaces.Cluster;
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
            endpoints.MapGet(template, RenderPageAsync);
        }
        return app;
    }

    private static async Task RenderPageAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<RazorFacesOptions>>().Value;
        var sessions = services.GetRequiredService<SessionManager>();
        var request = context.Request;
        var baseUri = $"{request.Scheme}://{request.Host}{request.PathBase}/";

        SessionLease? lease = null;
        try
        {
            if (SessionManager.SessionIdOf(context) is { } sessionId)
            {
                lease = await sessions.AcquireAsync(sessionId, context.RequestAborted);
            }
            if (lease?.State is null)
            {
                if (lease is not null)
                {
                    await lease.DisposeAsync();
                }
                lease = await sessions.CreateAsync(context);
            }
            var session = lease.State!;
            sessions.Touch(session);
            var resumed = await ResumeAsync(context, session, baseUri);
            var view = resumed
                ?? await LiveView.StartAsync(services, new ViewStart(services.GetRequiredService<AppRoot>().Component, session, baseUri, request.GetEncodedUrl()));
            var (number, dom, location) = view.Snapshot();
            if (location is not null)
            {
                // NavigateTo(forceLoad) while the page was first rendering: an ordinary redirect.
                await view.DisposeAsync();
                await sessions.SaveAsync(session, context.RequestAborted);
                context.Response.Redirect(location);
                return;
            }
            if (resumed is null)
            {
                services.GetRequiredService<ViewRegistry>().Add(view);
            }
            await services.GetRequiredService<MessageDispatcher>().RecordAsync(session, view);
            await sessions.SaveAsync(session, context.RequestAborted);
            await lease.DisposeAsync();

            NodeAffinity.Mark(context);
            context.Response.ContentType = "text/html; charset=utf-8";
            // The page embeds a view id; a cached copy would resurrect a view that no longer exists.
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(HostPage.Write(options, request.PathBase, session.Meta.CsrfToken, view.Id, number, dom));
        }
        catch (ViewException e) when (e.Code == ErrorCodes.Busy)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsync(e.Message);
        }
        catch (SessionStoreUnavailableException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "2";
            await context.Response.WriteAsync("The session store is unavailable. Try again in a moment.");
        }
        finally
        {
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The view a page that reloaded for a newer client (rolling upgrade) asks to continue, with the
    /// <see cref="ProtocolConstants.ResumeCookie"/>: rebuilt from its record when it shows the requested page, or
    /// started afresh (and logged) when that record no longer fits this build. Null when there is none to continue.
    /// </summary>
    private static async Task<LiveView?> ResumeAsync(HttpContext context, RazorFaces.State.SessionState session, string baseUri)
    {
        if (!context.Request.Cookies.TryGetValue(ProtocolConstants.ResumeCookie, out var viewId))
        {
            return null;
        }
        // Good for this one load only.
        context.Response.Cookies.Delete(ProtocolConstants.ResumeCookie, new CookieOptions { Path = context.Request.PathBase + "/" });
        var url = context.Request.GetEncodedUrl();
        if (!session.Views.TryGetValue(viewId, out var record) || baseUri + record.Url.TrimStart('/') != url)
        {
            return null;
        }
        var (view, _) = await context.RequestServices.GetRequiredService<MessageDispatcher>().ResolveAsync(session, viewId, url, baseUri);
        return view;
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using RazorFaces;
using RazorFaces.Cluster;
using RazorFaces.Hosting;
using RazorFaces.Push;
using RazorFaces.Rendering;
using RazorFaces.Session;
using RazorFaces.State;
using RazorFaces.Transport;
using RazorFaces.Views;

// Extension methods live in the namespace of what they extend, so `AddRazorFaces` needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RazorFaces.</summary>
public static class RazorFacesServiceCollectionExtensions
{
    /// <summary>Adds the RazorFaces server: view rendering, sessions and the transports.</summary>
    public static IServiceCollection AddRazorFaces(this IServiceCollection services, Action<RazorFacesOptions>? configure = null)
    {
        var options = services.AddOptions<RazorFacesOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        // Each area reads its own group of settings, and nothing else.
        AddArea(services, o => o.Sessions);
        AddArea(services, o => o.Views);
        AddArea(services, o => o.Transport);
        AddArea(services, o => o.Push);
        AddArea(services, o => o.Cluster);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISessionSerializer>(p =>
            p.GetRequiredService<IOptions<SessionOptions>>().Value.Format == SessionFormat.Json
                ? JsonSessionSerializer.Instance
                : MessagePackSessionSerializer.Instance);
        services.TryAddSingleton<ISessionStore, InMemorySessionStore>();
        services.TryAddSingleton<IClusterMembership, LocalClusterMembership>();
        services.TryAddSingleton<NodeDrain>();
        services.TryAddSingleton<NodeHealth>();
        HealthEndpoint.AddCheck(services, []);
        services.TryAddSingleton<IClusterBus, InMemoryClusterBus>();
        services.TryAddSingleton<ViewGroups>();
        services.TryAddSingleton<PushScheduler>();
        services.TryAddSingleton<SessionManager>();
        services.TryAddSingleton<SessionEndHooks>();
        services.AddMetrics();
        services.TryAddSingleton<RazorFaces.Diagnostics.RazorFacesMetrics>();
        services.TryAddSingleton<MemoryReturn>();
        services.TryAddSingleton<SessionEndService>();
        services.AddHostedService(p => p.GetRequiredService<SessionEndService>());
        services.TryAddSingleton<ViewRegistry>();
        // The live views drop what they built on a session object that this node no longer holds.
        services.AddSingleton<ISessionObserver>(p => p.GetRequiredService<ViewRegistry>());
        services.TryAddSingleton<AppRoot>();
        services.TryAddSingleton<ViewSession>();
        services.TryAddSingleton<ClientMessageHandler>();
        services.TryAddSingleton<LongPollEndpoints>();
        services.TryAddSingleton<JSDataStreams>();
        services.TryAddSingleton<StreamEndpoint>();
        services.TryAddSingleton<PageEndpoint>();
        RazorFaces.Transport.SignalR.HubRegistration.Add(services);
        SecurityHeaders.Add(services);
        services.AddHostedService<ViewExpiryService>();

        // One DI scope per view: these are what components of a view get injected.
        services.TryAddScoped<BeanContext>();
        services.TryAddScoped<CurrentView>();
        services.TryAddScoped<IPushRenderer, PushRenderer>();
        services.TryAddScoped(provider => new SessionBeans(provider.GetRequiredService<BeanContext>()));
        services.TryAddScoped(provider => new SessionControl(provider.GetRequiredService<BeanContext>()));
        services.TryAddScoped<NavigationManager, ViewNavigationManager>();
        services.TryAddScoped<INavigationInterception, ClientNavigationInterception>();
        services.TryAddScoped<IScrollToLocationHash, BrowserScrollToLocationHash>();
        services.TryAddScoped<ViewAuthenticationStateProvider>();
        services.TryAddScoped<AuthenticationStateProvider>(provider => provider.GetRequiredService<ViewAuthenticationStateProvider>());
        services.AddAuthorizationCore();
        services.TryAddScoped<ViewJSRuntime>();
        services.TryAddScoped<IJSRuntime>(provider => provider.GetRequiredService<ViewJSRuntime>());
        services.TryAddScoped<Microsoft.AspNetCore.Components.Web.IErrorBoundaryLogger, ServerErrorBoundaryLogger>();
        return services;
    }

    private static void AddArea<T>(IServiceCollection services, Func<RazorFacesOptions, T> area)
        where T : class =>
        services.TryAddSingleton<IOptions<T>>(p => Options.Options.Create(area(p.GetRequiredService<IOptions<RazorFacesOptions>>().Value)));
}

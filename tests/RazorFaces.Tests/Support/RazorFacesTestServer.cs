using System.Net;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Demo.App;
using Demo.App.Beans;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RazorFaces.Hosting;
using RazorFaces.Protocol;

namespace RazorFaces.Tests.Support;

/// <summary>
/// A RazorFaces app on real Kestrel, bound to 127.0.0.1 on a free port: the same pipeline as
/// <c>Demo.App/Program.cs</c> (AddRazorFaces, MapRazorFaces, a <see cref="NodeInfo"/>), with options a test chooses
/// and every log entry captured.
/// </summary>
/// <remarks>
/// Built here rather than through <c>WebApplicationFactory&lt;Program&gt;</c> so that a test can choose the root
/// component (test-only pages need a router that knows the test assembly) and the options, without test hooks in
/// the demo app.
/// </remarks>
public sealed class RazorFacesTestServer : IAsyncDisposable
{
    private WebApplication? _app;
    private int _pollsInFlight;

    private RazorFacesTestServer(CapturingLoggerProvider logs)
    {
        Logs = logs;
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Everything the server logged.</summary>
    public CapturingLoggerProvider Logs { get; }

    /// <summary>The server's services (for test-only singletons such as a push signal).</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>Long-poll requests the server is currently answering.</summary>
    public int PollsInFlight => Volatile.Read(ref _pollsInFlight);

    /// <summary>Starts the demo app (<see cref="App"/> as the root component, its beans registered as Program.cs does).</summary>
    /// <param name="configure">Changes to the options, applied after the demo's own.</param>
    /// <param name="services">Extra or replacing services (e.g. a <see cref="TimeProvider"/> or an <c>ISessionStore</c>; the last registration wins).</param>
    /// <param name="pipeline">Middleware or endpoints of the app's own, added before <c>MapRazorFaces</c>.</param>
    /// <param name="https">Serve HTTPS with this certificate instead of plain HTTP.</param>
    /// <param name="conventions">The app's conventions on what <c>MapRazorFaces</c> maps (e.g. <c>RequireAuthorization()</c>).</param>
    public static Task<RazorFacesTestServer> StartDemoAsync(
        Action<RazorFacesOptions>? configure = null, Action<IServiceCollection>? services = null,
        Action<WebApplication>? pipeline = null, X509Certificate2? https = null, Action<IEndpointConventionBuilder>? conventions = null) =>
        StartCoreAsync<App>(configure, s =>
        {
            s.AddSessionBean<CartBean>();
            s.AddSessionBean<Demo.App.Beans.ChatUser>();
            s.AddSingleton<Demo.App.Chat.IChatStore, Demo.App.Chat.InMemoryChatStore>();
            Demo.App.Account.DemoAccounts.Add(s);
            services?.Invoke(s);
        }, app =>
        {
            Demo.App.Account.DemoAccounts.Map(app);
            pipeline?.Invoke(app);
        }, https, [], conventions);

    /// <summary>Starts an app whose pages are routed by <typeparamref name="TApp"/>.</summary>
    /// <param name="configure">Changes to the options, applied after the demo's own.</param>
    /// <param name="services">Extra services (e.g. singletons a test page injects).</param>
    /// <param name="additionalAssemblies">More assemblies whose <c>@page</c> routes are mapped.</param>
    public static Task<RazorFacesTestServer> StartAsync<TApp>(
        Action<RazorFacesOptions>? configure = null, Action<IServiceCollection>? services = null, params Assembly[] additionalAssemblies)
        where TApp : IComponent =>
        StartCoreAsync<TApp>(configure, services, pipeline: null, https: null, additionalAssemblies, conventions: null);

    private static async Task<RazorFacesTestServer> StartCoreAsync<TApp>(
        Action<RazorFacesOptions>? configure, Action<IServiceCollection>? services, Action<WebApplication>? pipeline, X509Certificate2? https,
        Assembly[] additionalAssemblies, Action<IEndpointConventionBuilder>? conventions)
        where TApp : IComponent
    {
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (https is not null)
            {
                listen.UseHttps(https);
            }
        }));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        // Everything from Information up, whatever an appsettings.json beside the tests says (Demo.App's is copied
        // here with its assembly): a rule for the provider wins over the configuration's rules for categories.
        builder.Logging.AddFilter<CapturingLoggerProvider>(category: null, LogLevel.Information);
        builder.Services.AddSingleton(new NodeInfo("test-node"));
        builder.Services.AddRazorFaces(options =>
        {
            options.Title = "RazorFaces demo";
            configure?.Invoke(options);
        });
        services?.Invoke(builder.Services);

        var app = builder.Build();
        var server = new RazorFacesTestServer(logs) { _app = app };
        app.Use(async (context, next) =>
        {
            var isPoll = context.Request.Path.StartsWithSegments(ProtocolConstants.EndpointPrefix + "/poll", StringComparison.Ordinal);
            if (isPoll)
            {
                Interlocked.Increment(ref server._pollsInFlight);
            }
            try
            {
                await next(context);
            }
            finally
            {
                if (isPoll)
                {
                    Interlocked.Decrement(ref server._pollsInFlight);
                }
            }
        });
        pipeline?.Invoke(app);
        var mapped = app.MapRazorFaces<TApp>(additionalAssemblies);
        conventions?.Invoke(mapped);
        await app.StartAsync();
        var address = app.Urls.Single();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>A new browser session against this server (its own cookies, hence its own RazorFaces session).</summary>
    public BrowserSession NewBrowser() => new(BaseAddress);

    private WebApplication App => _app ?? throw new InvalidOperationException("The server has not started.");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

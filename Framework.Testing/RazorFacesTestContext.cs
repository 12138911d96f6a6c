using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Views;
using RazorFaces.Protocol;

namespace RazorFaces.Testing;

/// <summary>
/// Renders components and pages in-process on the real RazorFaces server pipeline (live view, renderer,
/// compact DOM, diff, patch wire format) and lets a test drive them like a browser would.
/// </summary>
/// <example>
/// <code>
/// await using var ctx = new RazorFacesTestContext();
/// ctx.Services.AddSingleton(new Clock());
/// var page = await ctx.RenderRouteAsync&lt;App&gt;("/counter");
/// await page.ClickAsync("#increment");
/// Assert.Equal("1", page.Find("#count").TextContent);
/// </code>
/// </example>
public sealed class RazorFacesTestContext : IDisposable, IAsyncDisposable
{
    private readonly ServiceCollection _services = new();
    private readonly List<RenderedView> _views = [];
    private ServiceProvider? _provider;

    /// <summary>Creates a context whose services are configured as <c>AddRazorFaces()</c> configures an app's.</summary>
    public RazorFacesTestContext()
        : this(null)
    {
    }

    // The bUnit integration opens a wire harness with the options its context was set up with.
    internal RazorFacesTestContext(Action<RazorFacesOptions>? configure)
    {
        TestServices.AddRazorFaces(_services, configure);
    }

    /// <summary>
    /// The services the components get injected (a view's scoped services come from a scope per view). Add to it
    /// before the first render; after that it is read-only.
    /// </summary>
    public IServiceCollection Services => _services;

    /// <summary>The base address of the app the views believe they run in. Default <c>http://localhost/</c>.</summary>
    public string BaseUri { get; init; } = "http://localhost/";

    /// <summary>The service provider built from <see cref="Services"/> (built on first use).</summary>
    public IServiceProvider ServiceProvider
    {
        get
        {
            if (_provider is null)
            {
                _services.MakeReadOnly();
                _provider = _services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
            }
            return _provider;
        }
    }

    /// <summary>Renders <typeparamref name="TComponent"/> as the root of a new view, at <see cref="BaseUri"/>.</summary>
    /// <param name="parameters">The component's parameters by name (a <c>RenderFragment</c> for child content).</param>
    /// <exception cref="ViewErrorException">The first render threw (code <c>view-failed</c>).</exception>
    public Task<RenderedView> RenderAsync<TComponent>(IReadOnlyDictionary<string, object?>? parameters = null)
        where TComponent : IComponent =>
        StartAsync(typeof(TComponent), BaseUri, parameters);

    /// <summary>
    /// Renders the page at <paramref name="path"/> (relative to <see cref="BaseUri"/>) with <typeparamref name="TApp"/>
    /// as the root — usually the app's <c>App.razor</c> with its <c>Router</c> — exactly as a first GET does.
    /// </summary>
    /// <exception cref="ViewErrorException">The first render threw (code <c>view-failed</c>).</exception>
    public Task<RenderedView> RenderRouteAsync<TApp>(string path)
        where TApp : IComponent
    {
        ArgumentNullException.ThrowIfNull(path);
        return StartAsync(typeof(TApp), new Uri(new Uri(BaseUri), path.TrimStart('/')).AbsoluteUri, null);
    }

    /// <summary>Disposes every view (and so its components) and the services.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var view in _views)
        {
            await view.View.DisposeAsync();
        }
        _views.Clear();
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    /// <summary>Disposes every view and the services; prefer <c>await using</c>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<RenderedView> StartAsync(Type rootComponent, string uri, IReadOnlyDictionary<string, object?>? parameters)
    {
        LiveView view;
        try
        {
            view = await LiveView.CreateAsync(ServiceProvider, rootComponent, "test-session", BaseUri, uri, parameters);
        }
        catch (ProtocolException e)
        {
            throw new ViewErrorException(e.Code, e.Message, e);
        }
        RenderedView page;
        try
        {
            page = new RenderedView(view, uri);
        }
        catch
        {
            await view.DisposeAsync();
            throw;
        }
        _views.Add(page);
        return page;
    }
}

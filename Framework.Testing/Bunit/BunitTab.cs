using System.Runtime.CompilerServices;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RazorFaces.Rendering;
using RazorFaces.State;

namespace RazorFaces.Testing;

/// <summary>
/// What RazorFaces adds to one <see cref="BunitContext"/>: the context is one tab (one view) of a session on a node.
/// Its scope gives the components their view beans and a <see cref="BeanContext"/> on the shared session object;
/// its component activator records the components it created (for pushes and for saving their
/// <c>[ViewState]</c>) and, on a rebuilt node, restores their saved state before they first run.
/// </summary>
internal sealed class BunitTab : IDisposable, IAsyncDisposable
{
    private static readonly ConditionalWeakTable<BunitContext, BunitTab> Tabs = [];

    private readonly HashSet<ServiceDescriptor> _own = new(ReferenceEqualityComparer.Instance);
    private readonly List<IComponent> _components = [];
    private readonly List<object> _owned = [];
    private readonly Dictionary<Type, int> _created = [];
    private IReadOnlyDictionary<string, StateValue>? _pendingState;
    private ISessionSerializer? _pendingSerializer;

    private BunitTab(BunitContext context, RazorFacesSession session, TestNode node, Action<RazorFacesOptions>? configure)
    {
        Context = context;
        Session = session;
        Node = node;
        Configure = configure;
    }

    public BunitContext Context { get; }

    /// <summary>The session the tab belongs to; on a rebuilt node it is set once the stored session is read.</summary>
    public RazorFacesSession Session { get; set; }

    public TestNode Node { get; }

    public Action<RazorFacesOptions>? Configure { get; }

    /// <summary>The tab's view beans came back with its rebuilt view (null for a fresh tab).</summary>
    public IReadOnlyDictionary<string, StateValue>? RestoredViewBeans { get; set; }

    /// <summary>The bean context of the tab's scope, once a component asked for a bean.</summary>
    public BeanContext? Beans { get; private set; }

    public bool IsDisposed { get; private set; }

    /// <summary>The tab <see cref="RazorFacesBunitExtensions.AddRazorFaces"/> made of <paramref name="context"/>.</summary>
    public static BunitTab Of(BunitContext context) =>
        Tabs.TryGetValue(context, out var tab)
            ? tab
            : throw new InvalidOperationException("Call ctx.AddRazorFaces() on this BunitContext first.");

    /// <summary>The tab a rendered component's services belong to.</summary>
    public static BunitTab Of(IServiceProvider services) =>
        services.GetService<BunitTab>()
            ?? throw new InvalidOperationException("The component was not rendered by a BunitContext set up with ctx.AddRazorFaces().");

    /// <summary>
    /// Registers RazorFaces on <paramref name="context"/> as <c>AddRazorFaces()</c> does for an app (bUnit's own
    /// <c>NavigationManager</c> and <c>IJSRuntime</c> stay: they are registered first), then the tab's own services,
    /// then <paramref name="appServices"/> (another tab's or node's app registrations).
    /// </summary>
    public static BunitTab Attach(
        BunitContext context, RazorFacesSession session, TestNode node, Action<RazorFacesOptions>? configure,
        IEnumerable<ServiceDescriptor> appServices, IServiceProvider? shareSingletonsFrom)
    {
        var tab = new BunitTab(context, session, node, configure);
        if (!Tabs.TryAdd(context, tab))
        {
            throw new InvalidOperationException("AddRazorFaces() was already called on this BunitContext.");
        }
        var services = context.Services;
        var before = new HashSet<ServiceDescriptor>(services, ReferenceEqualityComparer.Instance);
        TestServices.AddRazorFaces(services, configure);
        services.RemoveAll<BeanContext>();
        services.AddScoped(tab.CreateBeans);
        services.RemoveAll<IPushRenderer>();
        services.AddScoped<IPushRenderer>(provider =>
        {
            // Resolved, the tab is owned by the container: disposing the context takes the tab out of its push groups.
            _ = provider.GetRequiredService<BunitTab>();
            return new TabPushRenderer(tab);
        });
        services.AddScoped<IComponentActivator>(provider => new TabComponentActivator(tab, provider));
        // A factory, not an instance: the container disposes what it made, and so the tabs and nodes this one opened.
        services.AddSingleton(_ => tab);
        tab._own.UnionWith(services.Where(d => !before.Contains(d)));
        TestServices.CopyAppServices(appServices, services, shareSingletonsFrom);
        return tab;
    }

    /// <summary>The services the test registered on this tab (beans, the app's own services), without bUnit's and RazorFaces' own.</summary>
    public List<ServiceDescriptor> AppServices()
    {
        List<ServiceDescriptor> all = [.. Context.Services];
        var bunit = TestServices.BunitDefaultsIn(all);
        return [.. all.Where(d => !_own.Contains(d) && !bunit.Contains(d))];
    }

    /// <summary>Another tab on this node, in <paramref name="session"/>: the same singletons, its own scope.</summary>
    public BunitTab Open(RazorFacesSession session)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = Context.JSInterop.Mode;
        var tab = Attach(context, session, Node, Configure, AppServices(), shareSingletonsFrom: Context.Services);
        Own(context);
        return tab;
    }

    /// <summary>Keeps <paramref name="resource"/> (another tab, a node, a wire harness) until this tab is disposed.</summary>
    public void Own(object resource)
    {
        // Resolving the tab makes its container own it, so disposing the context disposes it.
        _ = Context.Services.GetRequiredService<BunitTab>();
        lock (_owned)
        {
            _owned.Add(resource);
        }
    }

    /// <summary>Called by the activator for each component the tab's renderer creates.</summary>
    public void Created(IComponent component)
    {
        lock (_components)
        {
            _components.Add(component);
            if (_pendingState is null)
            {
                return;
            }
            var type = component.GetType();
            var ordinal = _created.GetValueOrDefault(type);
            _created[type] = ordinal + 1;
            // Set right after creation, before SetParametersAsync and OnInitialized, as a rebuilt view does.
            if (_pendingState.TryGetValue(ViewStateKeys.Of(type, ordinal), out var saved)
                && ComponentStateAccessor.For(type) is { } accessor)
            {
                accessor.Restore(component, saved, _pendingSerializer!);
            }
        }
    }

    /// <summary>Restores the saved component state into the components the next render creates, until <see cref="EndRestore"/>.</summary>
    public void BeginRestore(IReadOnlyDictionary<string, StateValue> state, ISessionSerializer serializer)
    {
        lock (_components)
        {
            _pendingState = state;
            _pendingSerializer = serializer;
            _created.Clear();
        }
    }

    public void EndRestore()
    {
        lock (_components)
        {
            _pendingState = null;
        }
    }

    /// <summary>Re-renders the tab's components for a push, as a view does (<see cref="ViewRenderer.RerenderForPushAsync(IEnumerable{IComponent}, IReadOnlyCollection{RazorFaces.PushContext})"/>).</summary>
    public Task RerenderAsync(IReadOnlyCollection<PushContext> pushes, Func<Task>? work = null) =>
        IsDisposed ? Task.CompletedTask : Context.Renderer.Dispatcher.InvokeAsync(async () =>
        {
            if (work is not null)
            {
                await work();
            }
            IComponent[] components;
            lock (_components)
            {
                components = [.. _components];
            }
            await ViewRenderer.RerenderForPushAsync(components, pushes);
        });

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (IsDisposed)
        {
            return;
        }
        IsDisposed = true;
        object[] owned;
        lock (_owned)
        {
            owned = [.. _owned];
            _owned.Clear();
        }
        foreach (var resource in owned)
        {
            switch (resource)
            {
                case IAsyncDisposable disposable:
                    await disposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private BeanContext CreateBeans(IServiceProvider provider)
    {
        var beans = new BeanContext(provider.GetRequiredService<ISessionSerializer>());
        beans.Attach(Session.State, RestoredViewBeans);
        Beans = beans;
        return beans;
    }
}

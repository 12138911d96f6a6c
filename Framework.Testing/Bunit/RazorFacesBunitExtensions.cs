using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Session;
using RazorFaces.State;

namespace RazorFaces.Testing;

/// <summary>
/// RazorFaces for bUnit: <c>ctx.AddRazorFaces()</c> makes a <see cref="BunitContext"/> one tab of a RazorFaces session,
/// so injected session beans, view beans, <see cref="SessionControl"/>, <see cref="SessionBeans"/> and
/// <see cref="IPushRenderer"/> work as in a view. The extras are tabs (<see cref="OpenTab"/>), a rebuild on another node
/// (<see cref="SurvivesRebuild{TComponent}"/>) and the real wire pipeline (<see cref="RenderOnWireAsync{TComponent}"/>).
/// </summary>
/// <example>
/// <code>
/// using var ctx = new BunitContext();
/// ctx.AddRazorFaces();
/// ctx.Services.AddSessionBean&lt;CartBean&gt;();
/// var cart = ctx.Render&lt;Cart&gt;();
/// cart.Find("#add-item").Click();
/// using var tab = ctx.OpenTab();                 // the same session: the same CartBean
/// tab.Render&lt;Cart&gt;().Find("#cart-count").MarkupMatches("&lt;span id=\"cart-count\"&gt;1&lt;/span&gt;");
/// cart.SurvivesRebuild();                        // [ViewState] and beans through the real serializer
/// </code>
/// </example>
public static class RazorFacesBunitExtensions
{
    /// <summary>
    /// Sets <paramref name="context"/> up as one tab of a new browser session on a node: RazorFaces' services as
    /// <c>AddRazorFaces(configure)</c> registers them for an app, with bUnit's <c>NavigationManager</c> and JS interop.
    /// Register beans and the app's services on <c>context.Services</c> as usual, before the first render.
    /// </summary>
    /// <returns>The session, to check what <see cref="SessionControl"/> was asked.</returns>
    public static RazorFacesSession AddRazorFaces(this BunitContext context, Action<RazorFacesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = new RazorFacesSession(NewSessionState());
        BunitTab.Attach(context, session, new TestNode(), configure, appServices: [], shareSingletonsFrom: null);
        return session;
    }

    /// <summary>The session <paramref name="context"/>'s tab belongs to.</summary>
    public static RazorFacesSession GetRazorFacesSession(this BunitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return BunitTab.Of(context).Session;
    }

    /// <summary>
    /// Opens another tab of the same session on the same node: a new <see cref="BunitContext"/> whose components get
    /// the same session beans (the same instances, as on a node) but their own view beans, navigation and JS interop.
    /// It has the services registered on <paramref name="context"/> so far (the same singleton instances), and is
    /// disposed with <paramref name="context"/>.
    /// </summary>
    public static BunitContext OpenTab(this BunitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tab = BunitTab.Of(context);
        return tab.Open(tab.Session).Context;
    }

    /// <summary>
    /// Opens a tab of another browser session on the same node: its own session beans, the same push groups and
    /// singletons. Disposed with <paramref name="context"/>.
    /// </summary>
    public static BunitContext OpenSession(this BunitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return BunitTab.Of(context).Open(new RazorFacesSession(NewSessionState())).Context;
    }

    /// <summary>
    /// Rebuilds the component's view on another node, as failover does: the <c>[ViewState]</c> of the component and
    /// every component below it, its view beans and the session (its beans) are written with the real session serializer
    /// (<see cref="SessionOptions.Format"/>, MessagePack by default) into the bytes a session store would hold, then a
    /// fresh node (a new context and service provider with the test's registrations; instances the test registered are
    /// shared, as a database is) reads them and renders <typeparamref name="TComponent"/> again, each component's state
    /// set before it first runs. Returns the rebuilt component; <see cref="SurvivesRebuild{TComponent}"/> also compares.
    /// </summary>
    /// <param name="component">A component rendered by a context set up with <see cref="AddRazorFaces"/>.</param>
    /// <param name="parameters">The parameters to render it with on the new node: the ones it had (a page's route parameters).</param>
    public static IRenderedComponent<TComponent> RebuildOnAnotherNode<TComponent>(
        this IRenderedComponent<TComponent> component, Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(component);
        var tab = BunitTab.Of(component.Services);
        const string viewId = "rebuilt-view";
        var stored = tab.Context.Renderer.Dispatcher.InvokeAsync(() => Save(tab, (IRenderedComponent<IComponent>)component, viewId)).GetAwaiter().GetResult();

        var context = new BunitContext();
        context.JSInterop.Mode = tab.Context.JSInterop.Mode;
        tab.Own(context);
        var node = BunitTab.Attach(context, tab.Session, new TestNode(), tab.Configure, tab.AppServices(), shareSingletonsFrom: null);
        var serializer = context.Services.GetRequiredService<ISessionSerializer>();
        var beans = context.Services.GetServices<BeanDescriptor>().ToDictionary(b => b.Key, StringComparer.Ordinal);
        var session = SessionCodec.Decode(new StoredSession(1, stored), serializer, beans);
        var record = session.Views[viewId];
        session.Views.Remove(viewId);
        node.Session = new RazorFacesSession(session);
        node.RestoredViewBeans = record.Beans;
        node.BeginRestore(record.Components, serializer);
        try
        {
            return context.Render(parameters);
        }
        finally
        {
            node.EndRestore();
        }
    }

    /// <summary>
    /// <see cref="RebuildOnAnotherNode{TComponent}"/>, then asserts that the rebuilt component's markup matches the
    /// component's markup before (bUnit's semantic comparison): what the user saw survives a failover.
    /// </summary>
    /// <exception cref="Bunit.HtmlEqualException">The rebuilt markup differs: some UI state is not <c>[ViewState]</c> or in a bean.</exception>
    public static IRenderedComponent<TComponent> SurvivesRebuild<TComponent>(
        this IRenderedComponent<TComponent> component, Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(component);
        var before = component.Markup;
        var rebuilt = component.RebuildOnAnotherNode(parameters);
        rebuilt.MarkupMatches(before, $"{typeof(TComponent).Name} rendered differently after a rebuild on another node: UI state that is not [ViewState] or in a bean is lost in a failover.");
        return rebuilt;
    }

    /// <summary>
    /// Renders <typeparamref name="TComponent"/> through the real wire pipeline (<see cref="RazorFacesTestContext"/>):
    /// the server's DOM, diffs and patches, applied to a document as the browser client applies them, checked after
    /// every answer (<see cref="PatchFidelityException"/>). It uses the services and options of <paramref name="context"/>
    /// (the same singleton instances) in a session of its own, and is disposed with <paramref name="context"/>.
    /// </summary>
    public static async Task<RenderedView> RenderOnWireAsync<TComponent>(this BunitContext context, IReadOnlyDictionary<string, object?>? parameters = null)
        where TComponent : IComponent =>
        await WireHarness(context).RenderAsync<TComponent>(parameters);

    /// <summary>
    /// Renders the page at <paramref name="path"/> with <typeparamref name="TApp"/> (the app's router) as the root through
    /// the real wire pipeline, as <see cref="RenderOnWireAsync{TComponent}"/> does.
    /// </summary>
    public static async Task<RenderedView> RenderRouteOnWireAsync<TApp>(this BunitContext context, string path)
        where TApp : IComponent =>
        await WireHarness(context).RenderRouteAsync<TApp>(path);

    private static RazorFacesTestContext WireHarness(BunitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tab = BunitTab.Of(context);
        var wire = new RazorFacesTestContext(tab.Configure);
        TestServices.CopyAppServices(tab.AppServices(), wire.Services, shareSingletonsFrom: context.Services);
        tab.Own(wire);
        return wire;
    }

    // The session object with this view's record in it, encoded field by field as the session store gets it.
    private static Dictionary<string, byte[]> Save(BunitTab tab, IRenderedComponent<IComponent> component, string viewId)
    {
        var serializer = tab.Context.Services.GetRequiredService<ISessionSerializer>();
        var state = tab.Session.State;
        state.Views[viewId] = new ViewRecord
        {
            Url = string.Empty,
            Number = 1,
            Components = ViewStateKeys.Capture(component, serializer),
            Beans = tab.Beans?.CaptureViewBeans() ?? ViewRecord.NoBeans,
        };
        try
        {
            return SessionCodec.EncodeAll(state, serializer);
        }
        finally
        {
            state.Views.Remove(viewId);
        }
    }

    private static SessionState NewSessionState() =>
        SessionState.New(RandomIds.New(), TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(30));
}

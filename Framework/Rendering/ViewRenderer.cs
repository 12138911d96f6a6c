using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using RazorFaces.Dom;

namespace RazorFaces.Rendering;

/// <summary>
/// Hosts the components of one view. It renders into render frames only; <see cref="FrameDomBuilder"/> turns
/// the current frames into the view's compact DOM whenever the view flushes an update.
/// </summary>
internal sealed partial class ViewRenderer : Renderer
{
    private static readonly RendererInfo Info = new("RazorFaces", isInteractive: true);

    private readonly Dispatcher _dispatcher = Dispatcher.CreateDefault();
    private readonly FrameDomBuilder _domBuilder;
    private readonly ReferenceCaptures _captures = new();
    private int _rootComponentId = -1;

    public ViewRenderer(IServiceProvider services, ILoggerFactory loggerFactory)
        : base(services, loggerFactory)
    {
        _domBuilder = new FrameDomBuilder(this);
        // FocusAsync and element references passed to JS find the view's runtime through this context.
        ElementReferenceContext = new WebElementReferenceContext(services.GetRequiredService<IJSRuntime>());
    }

    public override Dispatcher Dispatcher => _dispatcher;

    protected override RendererInfo RendererInfo => Info;

    /// <summary>Called on the dispatcher after every render batch, including batches no request asked for.</summary>
    public Action? Rendered { get; set; }

    /// <summary>Called when a component throws and no error boundary catches it; the view cannot go on.</summary>
    public Action<Exception>? Failed { get; set; }

    /// <summary>Creates the root component and renders it (call on the dispatcher).</summary>
    public Task RenderRootAsync(Type componentType, ParameterView parameters)
    {
        var component = InstantiateComponent(componentType);
        _rootComponentId = AssignRootComponentId(component);
        return RenderRootComponentAsync(_rootComponentId, parameters);
    }

    /// <summary>The view's DOM as the components last rendered it (call on the dispatcher).</summary>
    public DomElement BuildDom()
    {
        if (_rootComponentId < 0)
        {
            throw new InvalidOperationException("The root component has not been rendered.");
        }
        return _domBuilder.BuildRoot(_rootComponentId);
    }

    /// <summary>
    /// The <c>data-rf</c> reference of the element an <c>ElementReference</c> names, or null. A reference captured by a
    /// render not built into the DOM yet (JS interop in <c>OnAfterRenderAsync</c>) is found by building it now.
    /// </summary>
    public string? ElementReferenceOf(string elementReferenceId)
    {
        if (_domBuilder.ReferenceOf(elementReferenceId) is { } reference)
        {
            return reference;
        }
        if (_rootComponentId < 0 || !Dispatcher.CheckAccess())
        {
            return null;
        }
        BuildDom();
        return _domBuilder.ReferenceOf(elementReferenceId);
    }

    /// <summary>Finds the handler an element's target reference names for an event, as of the last <see cref="BuildDom"/>.</summary>
    public EventTarget? FindTarget(string targetReference, string eventName) =>
        _domBuilder.FindTarget(targetReference, eventName);

    /// <summary>
    /// The <see cref="EventArgs"/> type to read the event's arguments into: the one its <c>[EventHandler]</c> declares
    /// (so a handler that takes none still gets well-formed arguments checked), or the handler's own.
    /// </summary>
    public Type EventArgsTypeOf(EventTarget target) =>
        EventArgsTypes.For(target.EventName, GetComponentState(target.ComponentId).Component.GetType(), GetEventArgsType(target.HandlerId));

    /// <summary>
    /// Runs the handler. <paramref name="boundValue"/> is the value the browser shows in a <c>@bind</c> field,
    /// so the renderer knows the element already has it.
    /// </summary>
    public Task DispatchAsync(EventTarget target, EventArgs eventArgs, object? boundValue) =>
        DispatchEventAsync(
            target.HandlerId,
            boundValue is null ? null : new EventFieldInfo { ComponentId = target.ComponentId, FieldValue = boundValue },
            eventArgs);

    internal ArrayRange<RenderTreeFrame> Frames(int componentId) => GetCurrentRenderTreeFrames(componentId);

    /// <summary>
    /// Bytes of frame arrays the components hold between renders, and bytes of the frames their last renders
    /// produced (call on the dispatcher); equal once <see cref="RenderBufferCompactor"/> has run.
    /// </summary>
    internal (long Held, long Used) FrameBufferBytes()
    {
        long held = 0, used = 0;
        foreach (var componentId in _places.Keys)
        {
            var (componentHeld, componentUsed) = RenderBufferCompactor.Measure(GetComponentState(componentId));
            held += componentHeld;
            used += componentUsed;
        }
        return (held, used);
    }

    /// <summary>Whether the component is Blazor's <c>Virtualize</c> (its first and last top-level elements are spacers).</summary>
    internal bool IsVirtualize(int componentId) =>
        GetComponentState(componentId).Component.GetType() is { IsGenericType: true } type
        && type.GetGenericTypeDefinition() == typeof(Microsoft.AspNetCore.Components.Web.Virtualization.Virtualize<>);

    public Task DisposeViewAsync() => DisposeAsync().AsTask();

    protected override Task UpdateDisplayAsync(in RenderBatch renderBatch)
    {
        var updated = renderBatch.UpdatedComponents;
        for (var i = 0; i < updated.Count; i++)
        {
            _domBuilder.Invalidate(updated.Array[i].ComponentId);
        }
        var disposed = renderBatch.DisposedComponentIDs;
        for (var i = 0; i < disposed.Count; i++)
        {
            ForgetComponent(disposed.Array[i]);
        }
        // Record the @ref ids this batch assigned while its frames still carry them (ReferenceCaptures says why).
        for (var i = 0; i < updated.Count; i++)
        {
            _captures.Collect(updated.Array[i], renderBatch.ReferenceFrames);
        }
        if (!_captures.IsEmpty)
        {
            _domBuilder.CaptureReferences(_captures);
            _captures.Clear();
        }
        CompactBuffers(updated, disposed);
        Rendered?.Invoke();
        return Task.CompletedTask;
    }

    // Every view of a node stays live between its events, so what a component keeps between renders is kept
    // thousands of times over; the batch is done with the previous frames and the spare room (RenderBufferCompactor).
    private void CompactBuffers(ArrayRange<RenderTreeDiff> updated, ArrayRange<int> disposed)
    {
        for (var i = 0; i < updated.Count; i++)
        {
            var componentId = updated.Array[i].ComponentId;
            if (Array.IndexOf(disposed.Array, componentId, 0, disposed.Count) < 0)
            {
                RenderBufferCompactor.Compact(GetComponentState(componentId));
            }
        }
    }

    protected override void HandleException(Exception exception) => Failed?.Invoke(exception);

    // Render modes belong to Blazor's hosting models; here every component is interactive on the server.
    protected override IComponent ResolveComponentForRenderMode(
        Type componentType, int? parentComponentId, IComponentActivator componentActivator, IComponentRenderMode renderMode) =>
        componentActivator.CreateInstance(componentType);
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using RazorFaces.Dom;

namespace RazorFaces.Rendering;

internal sealed partial class ViewRenderer
{
    internal const string RootPath = "root";

    // The path the next root component gets: the page's root, or the head's (ViewRenderer.Head.cs).
    private string _nextRootPath = RootPath;

    // Path and parent in one table: a live view keeps these for each of its components, and every view of a node
    // is live at once (one dictionary per view fewer is about 0.4 KB on a /counter view).
    private readonly Dictionary<int, ComponentPlace> _places = [];
    private readonly Dictionary<string, int> _idByPath = new(StringComparer.Ordinal);

    /// <summary>The process-independent path of a component, e.g. <c>root/1#0/4k:a</c>.</summary>
    public string PathOf(int componentId) => _places[componentId].Path;

    public bool TryGetComponentId(string path, out int componentId) => _idByPath.TryGetValue(path, out componentId);

    public bool TryGetParent(int componentId, out int parentId)
    {
        parentId = _places.TryGetValue(componentId, out var place) ? place.ParentId : -1;
        return parentId >= 0;
    }

    // This is the one moment the new component's position is known: the parent's current frames hold its
    // component frame with ComponentId still 0. Renderer ids differ between processes; this path does not.
    protected override ComponentState CreateComponentState(int componentId, IComponent component, ComponentState? parentComponentState)
    {
        string path;
        var parent = -1;
        if (parentComponentState is null)
        {
            path = _nextRootPath;
        }
        else
        {
            var parentId = parentComponentState.ComponentId;
            var localId = FrameLocalIds.FindNewComponent(GetCurrentRenderTreeFrames(parentId))
                ?? throw new InvalidOperationException(
                    $"Cannot place component {component.GetType().Name} in the frames of its parent {PathOf(parentId)}.");
            path = StringPool.ComponentPaths.Share(PathOf(parentId) + "/" + localId);
            parent = parentId;
        }
        _places[componentId] = new ComponentPlace(path, parent);
        _idByPath[path] = componentId;
        RestoreState(path, component);
        return base.CreateComponentState(componentId, component, parentComponentState);
    }

    private void ForgetComponent(int componentId)
    {
        if (_places.Remove(componentId, out var place) && _idByPath.TryGetValue(place.Path, out var id) && id == componentId)
        {
            _idByPath.Remove(place.Path);
        }
        _domBuilder.Forget(componentId);
    }
}

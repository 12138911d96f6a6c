using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;

namespace RazorFaces.Rendering;

internal sealed partial class ViewRenderer
{
    internal const string RootPath = "root";

    private readonly Dictionary<int, string> _pathById = [];
    private readonly Dictionary<string, int> _idByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _parentById = [];

    /// <summary>The process-independent path of a component, e.g. <c>root/1#0/4k:a</c>.</summary>
    public string PathOf(int componentId) => _pathById[componentId];

    public bool TryGetComponentId(string path, out int componentId) => _idByPath.TryGetValue(path, out componentId);

    public bool TryGetParent(int componentId, out int parentId) => _parentById.TryGetValue(componentId, out parentId);

    // This is the one moment the new component's position is known: the parent's current frames hold its
    // component frame with ComponentId still 0. Renderer ids differ between processes; this path does not.
    protected override ComponentState CreateComponentState(int componentId, IComponent component, ComponentState? parentComponentState)
    {
        string path;
        if (parentComponentState is null)
        {
            path = RootPath;
        }
        else
        {
            var parentId = parentComponentState.ComponentId;
            var localId = FrameLocalIds.FindNewComponent(GetCurrentRenderTreeFrames(parentId))
                ?? throw new InvalidOperationException(
                    $"Cannot place component {component.GetType().Name} in the frames of its parent {PathOf(parentId)}.");
            path = ComponentPathPool.Shared.Share(PathOf(parentId) + "/" + localId);
            _parentById[componentId] = parentId;
        }
        _pathById[componentId] = path;
        _idByPath[path] = componentId;
        RestoreState(path, component);
        return base.CreateComponentState(componentId, component, parentComponentState);
    }

    private void ForgetComponent(int componentId)
    {
        if (_pathById.Remove(componentId, out var path) && _idByPath.TryGetValue(path, out var id) && id == componentId)
        {
            _idByPath.Remove(path);
        }
        _parentById.Remove(componentId);
        _domBuilder.Forget(componentId);
    }
}

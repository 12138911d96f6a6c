using RazorFaces.State;

namespace RazorFaces.Rendering;

internal sealed partial class ViewRenderer
{
    private IReadOnlyDictionary<string, StateValue>? _savedState;
    private ISessionSerializer? _serializer;

    /// <summary>
    /// Saved component state to restore while the view is rebuilt: each component whose path has an entry gets
    /// its <c>[ViewState]</c> members set right after it is created, before <c>SetParametersAsync</c> and
    /// <c>OnInitialized</c> run. Those run afterwards and see the restored values; a component that assigns
    /// them unconditionally there overwrites them (see docs/design.md).
    /// </summary>
    public void RestoreFrom(IReadOnlyDictionary<string, StateValue> savedState, ISessionSerializer serializer)
    {
        _savedState = savedState;
        _serializer = serializer;
    }

    /// <summary>The <c>[ViewState]</c> members of every live component, by component path.</summary>
    public Dictionary<string, StateValue> CaptureState(ISessionSerializer serializer)
    {
        var captured = new Dictionary<string, StateValue>(StringComparer.Ordinal);
        foreach (var (componentId, (path, _)) in _places)
        {
            var component = GetComponentState(componentId).Component;
            if (ComponentStateAccessor.For(component.GetType()) is { } accessor)
            {
                captured[path] = accessor.Capture(component, serializer);
            }
        }
        return captured;
    }

    private void RestoreState(string path, Microsoft.AspNetCore.Components.IComponent component)
    {
        if (_savedState is not null
            && _savedState.TryGetValue(path, out var saved)
            && ComponentStateAccessor.For(component.GetType()) is { } accessor)
        {
            accessor.Restore(component, saved, _serializer!);
        }
    }
}

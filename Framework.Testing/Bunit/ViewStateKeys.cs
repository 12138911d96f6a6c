using Bunit;
using Microsoft.AspNetCore.Components;
using RazorFaces.State;

namespace RazorFaces.Testing;

/// <summary>
/// Names a component's saved state in a bUnit tab. bUnit renders with its own renderer, which does not give the
/// framework's component paths, so a component is named by its type and its place among the components of that type
/// in the order a fresh render creates them: Blazor creates a parent's children while it renders the parent and
/// renders queued components in order, so a fresh render creates a tree level by level, each level in document order.
/// </summary>
internal static class ViewStateKeys
{
    public static string Of(Type componentType, int ordinal) => $"{TypeNames.Of(componentType)}#{ordinal}";

    /// <summary>The <c>[ViewState]</c> of <paramref name="root"/> and every component below it, by key (call on the dispatcher).</summary>
    public static Dictionary<string, StateValue> Capture(IRenderedComponent<IComponent> root, ISessionSerializer serializer)
    {
        // Document order (bUnit finds components depth first); a component's depth is how many others contain it.
        var below = root.FindComponents<IComponent>();
        var ordered = new List<IRenderedComponent<IComponent>>(below.Count + 1) { root };
        ordered.AddRange(below);
        var depth = new Dictionary<IComponent, int>(ReferenceEqualityComparer.Instance);
        foreach (var component in ordered)
        {
            depth.TryAdd(component.Instance, 0);
            foreach (var descendant in component.FindComponents<IComponent>())
            {
                depth[descendant.Instance] = depth.GetValueOrDefault(descendant.Instance) + 1;
            }
        }
        var creationOrder = ordered
            .Select((component, index) => (component.Instance, index))
            .OrderBy(c => depth[c.Instance]).ThenBy(c => c.index)
            .Select(c => c.Instance);
        var captured = new Dictionary<string, StateValue>(StringComparer.Ordinal);
        var ordinals = new Dictionary<Type, int>();
        foreach (var component in creationOrder)
        {
            var type = component.GetType();
            var ordinal = ordinals.GetValueOrDefault(type);
            ordinals[type] = ordinal + 1;
            if (ComponentStateAccessor.For(type) is { } accessor)
            {
                captured[Of(type, ordinal)] = accessor.Capture(component, serializer);
            }
        }
        return captured;
    }
}

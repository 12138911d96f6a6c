using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components.RenderTree;
using RazorFaces.Dom;
using RazorFaces.Rendering;
using RazorFaces.Views;

// Measuring the renderer's frame buffers needs the render tree types Blazor marks as internal-use.
#pragma warning disable BL0006

namespace RazorFaces.Bench;

/// <summary>
/// Reaches into private fields of the server to take parts of live views away (for the memory breakdown
/// only). Fails loudly when a field is renamed, rather than measuring nothing.
/// </summary>
internal static class FrameworkInternals
{
    public static List<LiveView> LiveViews(ViewRegistry registry) =>
        [.. Field<ConcurrentDictionary<string, LiveView>>(registry, "_views").Values];

    public static int FrameBytes => Unsafe.SizeOf<RenderTreeFrame>();

    public static void ClearUpdateLog(LiveView view) => Field<UpdateLog>(Field<ViewOutbox>(view, "_outbox"), "_log").Clear();

    /// <summary>
    /// Bytes of the arrays behind the current render frames of every component of a view, and the component
    /// count. Blazor keeps a second (previous) buffer per component that rendered twice, not reachable here.
    /// </summary>
    public static async Task<(long Bytes, int Components)> CurrentFrameArraysAsync(LiveView view)
    {
        var renderer = Field<ViewRenderer>(view, "_renderer");
        var ids = Field<Dictionary<int, ComponentPlace>>(renderer, "_places");
        return await renderer.Dispatcher.InvokeAsync(() =>
        {
            var bytes = ids.Keys.Sum(id => (long)renderer.Frames(id).Array.Length) * FrameBytes;
            return (bytes, ids.Count);
        });
    }

    /// <summary>A copy of a DOM tree with its own nodes, arrays and (non-interned) strings.</summary>
    public static DomNode DeepCopy(DomNode node) => node switch
    {
        DomText text => new DomText(Copy(text.Text)),
        DomElement element => new DomElement(
            element.Tag,
            [.. element.Attributes.Select(a => new DomAttribute(a.Name, Copy(a.Value)))],
            [.. element.Children.Select(DeepCopy)],
            element.Key is null ? null : Copy(element.Key)),
        _ => throw new ArgumentException($"Unknown node type {node.GetType()}", nameof(node)),
    };

    // Interned strings (tags, attribute names, Razor literals) are shared by every view and cost a view nothing.
    private static string Copy(string text) => string.IsInterned(text) is null ? new string(text.AsSpan()) : text;

    private static T Field<T>(object target, string name) =>
        target.GetType().GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(target) is T value
            ? value
            : throw new MissingFieldException(target.GetType().Name, name);
}

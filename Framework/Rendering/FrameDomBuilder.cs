using System.Globalization;
using Microsoft.AspNetCore.Components.RenderTree;
using RazorFaces.Dom;
using RazorFaces.Protocol;

namespace RazorFaces.Rendering;

/// <summary>
/// Builds the view's compact DOM straight from the components' current render frames, and records which
/// elements have handlers. Each component's part is cached until the component renders again, so an
/// unchanged component contributes the very same node objects and the diff skips them by reference.
/// </summary>
internal sealed partial class FrameDomBuilder(ViewRenderer renderer)
{
    private const string PreventDefaultPrefix = "__internal_preventDefault_on";
    private const string StopPropagationPrefix = "__internal_stopPropagation_on";
    private const char ReferenceSeparator = '|';

    private readonly Dictionary<int, ComponentDom> _cache = [];
    // Components whose own frames have not changed since their cached DOM was built, dropped from the cache only because
    // a descendant rendered: their rebuild reuses the subtrees no child can change (ComponentDom.Static).
    private readonly Dictionary<int, ComponentDom> _childChanged = [];
    // Blazor's element reference ids (random per view) → the elements' data-rf references (the same in any process),
    // and the ids each component captured. A render that keeps an element leaves its capture frame without an id (the
    // component's ElementReference keeps the old one), so entries live until their component is disposed.
    private readonly Dictionary<string, string> _references = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<string>> _capturedBy = [];

    public DomElement BuildRoot(int rootComponentId) => new("div", children: Build(rootComponentId).Nodes);

    /// <summary>Drops the cached DOM of a component that rendered, and of its ancestors, which contain it.</summary>
    public void Invalidate(int componentId)
    {
        var id = componentId;
        _cache.Remove(id);
        _childChanged.Remove(id);
        while (renderer.TryGetParent(id, out var parentId))
        {
            if (_cache.Remove(parentId, out var dom))
            {
                _childChanged[parentId] = dom;
            }
            id = parentId;
        }
    }

    public void Forget(int componentId)
    {
        _cache.Remove(componentId);
        _childChanged.Remove(componentId);
        if (_capturedBy.Remove(componentId, out var captured))
        {
            foreach (var id in captured)
            {
                _references.Remove(id);
            }
        }
    }

    // The ids the batch being recorded assigned, for capture frames that no longer carry theirs.
    private ReferenceCaptures? _batchCaptures;

    /// <summary>Builds the components a batch gave new <c>@ref</c> ids, recording each id with its element's reference.</summary>
    public void CaptureReferences(ReferenceCaptures captures)
    {
        _batchCaptures = captures;
        try
        {
            foreach (var componentId in captures.Components)
            {
                captures.KeepOnlyLost(componentId, renderer.Frames(componentId));
            }
            foreach (var componentId in captures.Components)
            {
                Invalidate(componentId);
                Build(componentId);
            }
        }
        finally
        {
            _batchCaptures = null;
        }
    }

    /// <summary>The <c>data-rf</c> reference of the element an <c>ElementReference</c> captured, as of the last build.</summary>
    public string? ReferenceOf(string elementReferenceId) => _references.GetValueOrDefault(elementReferenceId);

    public EventTarget? FindTarget(string reference, string eventName)
    {
        var separator = reference.IndexOf(ReferenceSeparator, StringComparison.Ordinal);
        if (separator <= 0
            || !renderer.TryGetComponentId(reference[..separator], out var componentId)
            || !_cache.TryGetValue(componentId, out var dom)
            || dom.Targets is null
            || !dom.Targets.TryGetValue(reference[(separator + 1)..], out var targets))
        {
            return null;
        }
        return targets.Find(t => t.EventName == eventName);
    }

    private ComponentDom Build(int componentId)
    {
        if (_cache.TryGetValue(componentId, out var cached))
        {
            return cached;
        }
        var frames = renderer.Frames(componentId);
        // A rebuild that assigns @ref ids must see every capture frame; otherwise the subtrees a child cannot change are
        // taken from the last build (the same node objects, so the diff skips them too).
        var previous = _childChanged.Remove(componentId, out var stale) && _batchCaptures is null ? stale.Static : null;
        var walk = new Walk(this, componentId, renderer.PathOf(componentId), previous, recordStatic: previous is null && HasComponents(frames));
        try
        {
            var nodes = RentList();
            walk.Range(frames.Array, 0, frames.Count, string.Empty, "div", nodes);
            // Reused subtrees still have their handlers: they are the same as at the last build (no new render).
            var dom = new ComponentDom([.. nodes], previous is null ? walk.Targets : stale!.Targets) { Static = previous ?? walk.RecordedStatic() };
            ReturnList(nodes);
            _cache[componentId] = dom;
            return dom;
        }
        finally
        {
            walk.Dispose();
        }
    }

    // Lists the walks build node arrays in, reused on each thread (a build is synchronous; nested elements and child
    // components take the next list): growing a fresh list per element was most of a rebuild's garbage.
    [ThreadStatic]
    private static Stack<List<DomNode>>? t_lists;
    [ThreadStatic]
    private static List<DomAttribute>? t_attributes;

    private static List<DomNode> RentList() => t_lists is { Count: > 0 } lists ? lists.Pop() : new List<DomNode>(8);

    private static void ReturnList(List<DomNode> list)
    {
        if (list.Capacity > 4096)
        {
            return;
        }
        list.Clear();
        (t_lists ??= new Stack<List<DomNode>>()).Push(list);
    }

    private static bool HasComponents(ArrayRange<RenderTreeFrame> frames)
    {
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames.Array[i].FrameType == RenderTreeFrameType.Component)
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasComponents(RenderTreeFrame[] frames, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (frames[i].FrameType == RenderTreeFrameType.Component)
            {
                return true;
            }
        }
        return false;
    }

    private static void Append(List<DomNode> nodes, DomNode node)
    {
        if (node is DomText text)
        {
            if (text.Text.Length == 0)
            {
                return;
            }
            if (nodes.Count > 0 && nodes[^1] is DomText previous)
            {
                nodes[^1] = new DomText(previous.Text + text.Text);
                return;
            }
        }
        nodes.Add(node);
    }

    private static string? AttributeText(object? value) => value switch
    {
        null or false => null,
        true => string.Empty,
        string s => s,
        Delegate => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    // Attribute names reach the HTML writer unescaped; anything that could break out of the tag is dropped.
    private static bool IsSafeAttributeName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'' or '>' or '/' or '=' or '<')
            {
                return false;
            }
        }
        return true;
    }
}

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

    /// <summary>
    /// One pass over one component's frames. With <c>previous</c>, the element subtrees no child component can change are
    /// taken from the last build; with <c>recordStatic</c>, they are noted for the next.
    /// </summary>
    private sealed class Walk(FrameDomBuilder builder, int componentId, string componentPath, StaticSubtrees? previous, bool recordStatic) : IDisposable
    {
        private readonly FrameLocalIds _ids = FrameLocalIds.Rent();
        private Dictionary<int, int>? _captureOccurrences;
        private List<int>? _staticFrames;
        private List<DomElement>? _staticElements;
        // Inside a subtree being noted as static: its descendants are not noted on their own.
        private bool _insideStatic;
        private int _nextPrevious;

        public void Dispose() => FrameLocalIds.Return(_ids);

        public StaticSubtrees? RecordedStatic() => _staticFrames is null ? null : new StaticSubtrees([.. _staticFrames], [.. _staticElements!]);

        public Dictionary<string, List<EventTarget>>? Targets { get; private set; }

        public void Range(RenderTreeFrame[] frames, int start, int end, string scope, string parentTag, List<DomNode> output)
        {
            var i = start;
            while (i < end)
            {
                ref var frame = ref frames[i];
                switch (frame.FrameType)
                {
                    case RenderTreeFrameType.Element:
                        Append(output, Element(frames, i, scope));
                        i += frame.ElementSubtreeLength;
                        break;
                    case RenderTreeFrameType.Text:
                        Append(output, new DomText(frame.TextContent));
                        i++;
                        break;
                    case RenderTreeFrameType.Markup:
                        foreach (var node in MarkupCache.Parse(frame.MarkupContent, parentTag))
                        {
                            Append(output, node);
                        }
                        i++;
                        break;
                    case RenderTreeFrameType.Component:
                        _ids.Count(scope, frame.Sequence, frame.ComponentKey);
                        foreach (var node in builder.ComponentNodes(frame.ComponentId, parentTag))
                        {
                            Append(output, node);
                        }
                        i += frame.ComponentSubtreeLength;
                        break;
                    case RenderTreeFrameType.Region:
                        Range(frames, i + 1, i + frame.RegionSubtreeLength, scope, parentTag, output);
                        i += frame.RegionSubtreeLength;
                        break;
                    default:
                        i++;
                        break;
                }
            }
        }

        private DomElement Element(RenderTreeFrame[] frames, int index, string scope)
        {
            ref var frame = ref frames[index];
            var end = index + frame.ElementSubtreeLength;
            if (previous is not null)
            {
                while (_nextPrevious < previous.Frames.Length && previous.Frames[_nextPrevious] < index)
                {
                    _nextPrevious++;
                }
                if (_nextPrevious < previous.Frames.Length && previous.Frames[_nextPrevious] == index)
                {
                    // Counted as if built, so the names of the elements after it stay the same.
                    _ids.Count(scope, frame.Sequence, frame.ElementKey);
                    return previous.Elements[_nextPrevious++];
                }
            }
            if (!recordStatic || _insideStatic || HasComponents(frames, index + 1, end))
            {
                return Build(frames, index, scope);
            }
            _insideStatic = true;
            try
            {
                var element = Build(frames, index, scope);
                (_staticFrames ??= []).Add(index);
                (_staticElements ??= []).Add(element);
                return element;
            }
            finally
            {
                _insideStatic = false;
            }
        }

        private DomElement Build(RenderTreeFrame[] frames, int index, string scope)
        {
            ref var frame = ref frames[index];
            var end = index + frame.ElementSubtreeLength;
            var (elementSequence, elementKey) = (frame.Sequence, frame.ElementKey);
            var elementOccurrence = _ids.Count(scope, elementSequence, elementKey);
            // Most elements need no name (no handler, no @ref, no key): it is made only when one is.
            string? localId = null;
            string LocalId() => localId ??= FrameLocalIds.Format(scope, elementSequence, elementKey, elementOccurrence);
            var attributes = t_attributes ??= [];
            var firstAttribute = attributes.Count;
            List<EventTarget>? handlers = null;
            string? preventDefault = null, stopPropagation = null;
            var i = index + 1;
            for (; i < end && frames[i].FrameType == RenderTreeFrameType.Attribute; i++)
            {
                ref var attribute = ref frames[i];
                var name = attribute.AttributeName;
                if (attribute.AttributeEventHandlerId != 0)
                {
                    var eventName = name.StartsWith("on", StringComparison.Ordinal) ? name[2..] : name;
                    (handlers ??= []).Add(new EventTarget(eventName, componentId, attribute.AttributeEventHandlerId, attribute.AttributeEventUpdatesAttributeName));
                }
                else if (name.StartsWith(PreventDefaultPrefix, StringComparison.Ordinal))
                {
                    preventDefault = AddFlag(preventDefault, name[PreventDefaultPrefix.Length..], attribute.AttributeValue);
                }
                else if (name.StartsWith(StopPropagationPrefix, StringComparison.Ordinal))
                {
                    stopPropagation = AddFlag(stopPropagation, name[StopPropagationPrefix.Length..], attribute.AttributeValue);
                }
                else if (AttributeText(attribute.AttributeValue) is { } value && IsSafeAttributeName(name))
                {
                    attributes.Add(new DomAttribute(StringPool.Names.Share(name), value));
                }
            }
            var captured = false;
            for (; i < end && frames[i].FrameType == RenderTreeFrameType.ElementReferenceCapture; i++)
            {
                var sequence = frames[i].Sequence;
                var occurrence = (_captureOccurrences ??= []).GetValueOrDefault(sequence);
                _captureOccurrences[sequence] = occurrence + 1;
                var captureId = frames[i].ElementReferenceCaptureId is { Length: > 0 } id ? id : builder._batchCaptures?.Find(componentId, sequence, occurrence);
                if (captureId is not null
                    && builder._references.TryAdd(captureId, componentPath + ReferenceSeparator + LocalId()))
                {
                    (builder._capturedBy.TryGetValue(componentId, out var ids) ? ids : builder._capturedBy[componentId] = []).Add(captureId);
                }
                captured = true;
            }
            if (handlers is not null || captured)
            {
                // An @ref element carries the same reference as an element with handlers: JS interop finds it by it.
                attributes.Add(new DomAttribute(ProtocolConstants.TargetAttribute, StringPool.Targets.Share(componentPath + ReferenceSeparator + LocalId())));
            }
            if (handlers is not null)
            {
                (Targets ??= new(StringComparer.Ordinal))[LocalId()] = handlers;
                attributes.Add(new DomAttribute(ProtocolConstants.EventsAttribute, StringPool.Names.Share(handlers.Count == 1 ? handlers[0].EventName : string.Join(' ', handlers.Select(h => h.EventName).Distinct()))));
            }
            if (preventDefault is not null)
            {
                attributes.Add(new DomAttribute(ProtocolConstants.PreventDefaultAttribute, preventDefault));
            }
            if (stopPropagation is not null)
            {
                attributes.Add(new DomAttribute(ProtocolConstants.StopPropagationAttribute, stopPropagation));
            }
            // The attributes go into their array before the children are walked (which use the same list after them).
            DomAttribute[] attributeArray = [.. System.Runtime.InteropServices.CollectionsMarshal.AsSpan(attributes)[firstAttribute..]];
            attributes.RemoveRange(firstAttribute, attributes.Count - firstAttribute);
            var children = RentList();
            Range(frames, i, end, frame.ElementKey is null ? scope : LocalId() + ".", frame.ElementName, children);
            if (frame.ElementName == "table")
            {
                children = WithImpliedTableBodies(children);
            }
            var key = frame.ElementKey is null ? null : Convert.ToString(frame.ElementKey, CultureInfo.InvariantCulture);
            var element = new DomElement(frame.ElementName, attributeArray, [.. children], key);
            ReturnList(children);
            // @bind on a select sets its value; the browser shows that as the option marked selected (in an optgroup
            // too), so the model has the mark and an option inserted later arrives selected.
            return frame.ElementName == "select" ? SelectValue.Mark(element) : element;
        }

        private static string? AddFlag(string? flags, string eventName, object? value) =>
            value is true ? (flags is null ? eventName : flags + " " + eventName) : flags;
    }
}

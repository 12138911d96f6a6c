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
        while (renderer.TryGetParent(id, out var parentId))
        {
            _cache.Remove(parentId);
            id = parentId;
        }
    }

    public void Forget(int componentId)
    {
        _cache.Remove(componentId);
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
        var walk = new Walk(this, componentId, renderer.PathOf(componentId));
        var nodes = new List<DomNode>();
        walk.Range(frames.Array, 0, frames.Count, string.Empty, "div", nodes);
        var dom = new ComponentDom([.. nodes], walk.Targets);
        _cache[componentId] = dom;
        return dom;
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

    /// <summary>One pass over one component's frames.</summary>
    private sealed class Walk(FrameDomBuilder builder, int componentId, string componentPath)
    {
        private readonly FrameLocalIds _ids = new();
        private Dictionary<int, int>? _captureOccurrences;

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
                        _ids.Next(scope, frame.Sequence, frame.ComponentKey);
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
            var localId = _ids.Next(scope, frame.Sequence, frame.ElementKey);
            var attributes = new List<DomAttribute>();
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
                    && builder._references.TryAdd(captureId, componentPath + ReferenceSeparator + localId))
                {
                    (builder._capturedBy.TryGetValue(componentId, out var ids) ? ids : builder._capturedBy[componentId] = []).Add(captureId);
                }
                captured = true;
            }
            if (handlers is not null || captured)
            {
                // An @ref element carries the same reference as an element with handlers: JS interop finds it by it.
                attributes.Add(new DomAttribute(ProtocolConstants.TargetAttribute, StringPool.Targets.Share(componentPath + ReferenceSeparator + localId)));
            }
            if (handlers is not null)
            {
                (Targets ??= new(StringComparer.Ordinal))[localId] = handlers;
                attributes.Add(new DomAttribute(ProtocolConstants.EventsAttribute, StringPool.Names.Share(string.Join(' ', handlers.Select(h => h.EventName).Distinct()))));
            }
            if (preventDefault is not null)
            {
                attributes.Add(new DomAttribute(ProtocolConstants.PreventDefaultAttribute, preventDefault));
            }
            if (stopPropagation is not null)
            {
                attributes.Add(new DomAttribute(ProtocolConstants.StopPropagationAttribute, stopPropagation));
            }
            var children = new List<DomNode>();
            Range(frames, i, end, FrameLocalIds.ChildScope(scope, localId, frame.ElementKey), frame.ElementName, children);
            if (frame.ElementName == "table")
            {
                children = WithImpliedTableBodies(children);
            }
            var key = frame.ElementKey is null ? null : Convert.ToString(frame.ElementKey, CultureInfo.InvariantCulture);
            var element = new DomElement(frame.ElementName, [.. attributes], [.. children], key);
            // @bind on a select sets its value; the browser shows that as the option marked selected (in an optgroup
            // too), so the model has the mark and an option inserted later arrives selected.
            return frame.ElementName == "select" ? SelectValue.Mark(element) : element;
        }

        private static string? AddFlag(string? flags, string eventName, object? value) =>
            value is true ? (flags is null ? eventName : flags + " " + eventName) : flags;
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Components.RenderTree;
using RazorFaces.Dom;
using RazorFaces.Protocol;

namespace RazorFaces.Rendering;

// The walk over one component's frames that makes its DOM nodes (FrameDomBuilder.Build).
internal sealed partial class FrameDomBuilder
{
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

using Microsoft.AspNetCore.Components.RenderTree;

namespace RazorFaces.Rendering;

/// <summary>
/// The <c>@ref</c> ids a render batch assigned, per component. Blazor gives an element's capture its id once, in the
/// diff that inserts the element; a later render that keeps the element carries no id in its frames. A component
/// that renders twice in one batch (QuickGrid, once its data is in) would otherwise lose the ids before the view's
/// DOM is built, and JavaScript would get null for its elements.
/// </summary>
internal sealed class ReferenceCaptures
{
    // Per component: (the capture frame's sequence, its occurrence among the inserted frames of that sequence) → id.
    private readonly Dictionary<int, Dictionary<(int Sequence, int Occurrence), string>> _ids = [];

    public bool IsEmpty => _ids.Count == 0;

    public IEnumerable<int> Components => _ids.Keys;

    /// <summary>Records the capture ids of the elements <paramref name="diff"/> inserts.</summary>
    public void Collect(in RenderTreeDiff diff, ArrayRange<RenderTreeFrame> referenceFrames)
    {
        var edits = diff.Edits;
        Dictionary<int, int>? occurrences = null;
        for (var i = 0; i < edits.Count; i++)
        {
            var edit = edits.Array[edits.Offset + i];
            if (edit.Type != RenderTreeEditType.PrependFrame)
            {
                continue;
            }
            var frame = referenceFrames.Array[edit.ReferenceFrameIndex];
            var end = edit.ReferenceFrameIndex + (frame.FrameType == RenderTreeFrameType.Element ? frame.ElementSubtreeLength : 1);
            for (var f = edit.ReferenceFrameIndex; f < end; f++)
            {
                ref var capture = ref referenceFrames.Array[f];
                if (capture.FrameType != RenderTreeFrameType.ElementReferenceCapture || string.IsNullOrEmpty(capture.ElementReferenceCaptureId))
                {
                    continue;
                }
                occurrences ??= [];
                var occurrence = occurrences.GetValueOrDefault(capture.Sequence);
                occurrences[capture.Sequence] = occurrence + 1;
                var ids = _ids.TryGetValue(diff.ComponentId, out var existing) ? existing : _ids[diff.ComponentId] = [];
                ids[(capture.Sequence, occurrence)] = capture.ElementReferenceCaptureId;
            }
        }
    }

    /// <summary>The id inserted for the <paramref name="occurrence"/>-th capture frame of <paramref name="sequence"/>, if any.</summary>
    public string? Find(int componentId, int sequence, int occurrence) =>
        _ids.TryGetValue(componentId, out var ids) && ids.TryGetValue((sequence, occurrence), out var id) ? id : null;

    /// <summary>
    /// Keeps only the ids <paramref name="frames"/> (the component's latest) no longer carry: one they carry is
    /// recorded from its own frame, and must not be matched to a kept element that has the same place in the order.
    /// </summary>
    public void KeepOnlyLost(int componentId, ArrayRange<RenderTreeFrame> frames)
    {
        if (!_ids.TryGetValue(componentId, out var ids))
        {
            return;
        }
        var carried = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames.Array[i].FrameType == RenderTreeFrameType.ElementReferenceCapture && frames.Array[i].ElementReferenceCaptureId is { Length: > 0 } id)
            {
                carried.Add(id);
            }
        }
        foreach (var (key, id) in ids.ToList())
        {
            if (carried.Contains(id))
            {
                ids.Remove(key);
            }
        }
    }

    public void Clear() => _ids.Clear();
}

using Microsoft.AspNetCore.Components.RenderTree;

namespace RazorFaces.Rendering;

/// <summary>Finds the <c>@ref</c> captures a render batch gives ids to (the elements it inserts).</summary>
internal static class ReferenceCaptures
{
    /// <summary>Whether <paramref name="diff"/> inserts an element whose <c>@ref</c> is captured now.</summary>
    public static bool Inserts(in RenderTreeDiff diff, ArrayRange<RenderTreeFrame> referenceFrames)
    {
        var edits = diff.Edits;
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
                if (referenceFrames.Array[f].FrameType == RenderTreeFrameType.ElementReferenceCapture
                    && !string.IsNullOrEmpty(referenceFrames.Array[f].ElementReferenceCaptureId))
                {
                    return true;
                }
            }
        }
        return false;
    }
}

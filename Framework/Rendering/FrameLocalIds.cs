using System.Globalization;
using Microsoft.AspNetCore.Components.RenderTree;

namespace RazorFaces.Rendering;

/// <summary>
/// Names elements and child components inside one component's frames so that the same render always gives
/// the same names, in any process: the frame sequence plus the <c>@key</c>, or plus the occurrence count of
/// that sequence within the nearest keyed ancestor (so a loop item keeps its name when siblings move).
/// </summary>
/// <example><c>4#0</c> (first element of sequence 4), <c>7k:42</c> (keyed 42), <c>7k:42.9#0</c> (inside it).</example>
internal sealed class FrameLocalIds
{
    private readonly Dictionary<(string Scope, int Sequence), int> _occurrences = [];

    public string Next(string scope, int sequence, object? key)
    {
        if (key is not null)
        {
            return string.Concat(scope, sequence.ToString(CultureInfo.InvariantCulture), "k:", EscapeKey(key));
        }
        var slot = (scope, sequence);
        _occurrences.TryGetValue(slot, out var occurrence);
        _occurrences[slot] = occurrence + 1;
        return string.Concat(scope, sequence.ToString(CultureInfo.InvariantCulture), "#", occurrence.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The scope for the children of a frame: a keyed frame starts a new one.</summary>
    public static string ChildScope(string scope, string localId, object? key) => key is null ? scope : localId + ".";

    /// <summary>
    /// The local id of the component frame that is being instantiated right now (ComponentId still 0), or null.
    /// </summary>
    public static string? FindNewComponent(ArrayRange<RenderTreeFrame> frames)
    {
        var ids = new FrameLocalIds();
        return ids.Find(frames.Array, 0, frames.Count, string.Empty);
    }

    private string? Find(RenderTreeFrame[] frames, int start, int end, string scope)
    {
        var i = start;
        while (i < end)
        {
            ref var frame = ref frames[i];
            switch (frame.FrameType)
            {
                case RenderTreeFrameType.Element:
                {
                    var localId = Next(scope, frame.Sequence, frame.ElementKey);
                    var found = Find(frames, i + 1, i + frame.ElementSubtreeLength, ChildScope(scope, localId, frame.ElementKey));
                    if (found is not null)
                    {
                        return found;
                    }
                    i += frame.ElementSubtreeLength;
                    break;
                }
                case RenderTreeFrameType.Component:
                {
                    var localId = Next(scope, frame.Sequence, frame.ComponentKey);
                    if (frame.ComponentId == 0)
                    {
                        return localId;
                    }
                    i += frame.ComponentSubtreeLength;
                    break;
                }
                case RenderTreeFrameType.Region:
                {
                    var found = Find(frames, i + 1, i + frame.RegionSubtreeLength, scope);
                    if (found is not null)
                    {
                        return found;
                    }
                    i += frame.RegionSubtreeLength;
                    break;
                }
                default:
                    i++;
                    break;
            }
        }
        return null;
    }

    // Keys are user data; escape the characters that structure a target reference.
    private static string EscapeKey(object key)
    {
        var text = Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return Uri.EscapeDataString(text).Replace(".", "%2E", StringComparison.Ordinal);
            }
        }
        return text;
    }
}

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
    // One set per thread, reused by every build on it (a build is synchronous; nested builds of child components take
    // the next one): a fresh dictionary per component build was a fifth of an event's allocations.
    [ThreadStatic]
    private static Stack<FrameLocalIds>? t_pool;

    private readonly Dictionary<(string Scope, int Sequence), int> _occurrences = [];

    /// <summary>A cleared set from this thread's pool; give it back with <see cref="Return"/>.</summary>
    public static FrameLocalIds Rent() => t_pool is { Count: > 0 } pool ? pool.Pop() : new FrameLocalIds();

    public static void Return(FrameLocalIds ids)
    {
        if (ids._occurrences.Count > 1024)
        {
            // A long list's set would keep its size on this thread for good.
            return;
        }
        ids._occurrences.Clear();
        (t_pool ??= new Stack<FrameLocalIds>()).Push(ids);
    }

    public string Next(string scope, int sequence, object? key) => Format(scope, sequence, key, Count(scope, sequence, key));

    /// <summary>
    /// Counts a frame as <see cref="Next"/> does, without naming it: its occurrence number (0 for a keyed frame), for
    /// <see cref="Format"/> when the name is needed after all.
    /// </summary>
    public int Count(string scope, int sequence, object? key)
    {
        if (key is not null)
        {
            return 0;
        }
        ref var occurrences = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_occurrences, (scope, sequence), out _);
        return occurrences++;
    }

    public static string Format(string scope, int sequence, object? key, int occurrence) => key is not null
        ? string.Concat(scope, sequence.ToString(CultureInfo.InvariantCulture), "k:", EscapeKey(key))
        : string.Concat(scope, sequence.ToString(CultureInfo.InvariantCulture), "#", occurrence.ToString(CultureInfo.InvariantCulture));

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

using System.Collections.Concurrent;
using RazorFaces.Dom;

namespace RazorFaces.Rendering;

/// <summary>
/// Parsed <c>MarkupString</c> content, shared by all views. Razor emits static markup as the same literal
/// strings on every render, so parsing each once and sharing the immutable nodes saves time and memory.
/// </summary>
internal static class MarkupCache
{
    private const int MaxEntries = 4096;
    private const int MaxCachedLength = 8 * 1024;
    private static readonly ConcurrentDictionary<(string Markup, string Context), DomNode[]> Entries = new();

    public static DomNode[] Parse(string markup, string contextTag)
    {
        if (markup.Length > MaxCachedLength)
        {
            return MarkupParser.Parse(markup, contextTag);
        }
        if (Entries.TryGetValue((markup, contextTag), out var nodes))
        {
            return nodes;
        }
        nodes = MarkupParser.Parse(markup, contextTag);
        // Dynamic markup (user content rendered as MarkupString) must not grow the cache without bound.
        if (Entries.Count < MaxEntries)
        {
            Entries.TryAdd((markup, contextTag), nodes);
        }
        return nodes;
    }
}

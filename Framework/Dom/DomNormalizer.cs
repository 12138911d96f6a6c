namespace RazorFaces.Dom;

/// <summary>
/// Brings a child list into the shape a browser's DOM has after parsing: adjacent texts merged into one,
/// empty texts dropped. The diff relies on it: child indexes must agree with the client's <c>childNodes</c>.
/// </summary>
internal static class DomNormalizer
{
    /// <summary>
    /// The normalized child list. Returns <paramref name="children"/> itself when it is already normal
    /// (the common case), so callers that own the array pay no allocation.
    /// </summary>
    public static DomNode[] NormalizeChildren(DomNode[] children)
    {
        ArgumentNullException.ThrowIfNull(children);
        return IsNormal(children) ? children : Normalize(children);
    }

    /// <summary>The normalized child list of any sequence of nodes (always a new array).</summary>
    public static DomNode[] NormalizeChildren(IEnumerable<DomNode> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        return Normalize(children);
    }

    /// <summary>Whether a child list has no empty text and no two adjacent texts.</summary>
    public static bool IsNormal(IReadOnlyList<DomNode> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        var previousWasText = false;
        foreach (var child in children)
        {
            var isText = child is DomText;
            if (isText && (previousWasText || ((DomText)child).Text.Length == 0))
            {
                return false;
            }
            previousWasText = isText;
        }
        return true;
    }

    private static DomNode[] Normalize(IEnumerable<DomNode> children)
    {
        var result = new List<DomNode>();
        // Texts are merged lazily: a run of several texts is joined once, a single text is kept as it is.
        List<DomText>? run = null;
        foreach (var child in children)
        {
            if (child is DomText text)
            {
                if (text.Text.Length > 0)
                {
                    (run ??= []).Add(text);
                }
                continue;
            }
            Flush(result, run);
            run?.Clear();
            result.Add(child);
        }
        Flush(result, run);
        return [.. result];
    }

    private static void Flush(List<DomNode> result, List<DomText>? run)
    {
        if (run is null || run.Count == 0)
        {
            return;
        }
        result.Add(run.Count == 1 ? run[0] : new DomText(string.Concat(run.Select(t => t.Text))));
    }
}

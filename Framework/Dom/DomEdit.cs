namespace RazorFaces.Dom;

/// <summary>Copy-on-write edits of an immutable DOM: only the path to the changed element is copied.</summary>
internal static class DomEdit
{
    /// <summary>
    /// A copy of <paramref name="root"/> in which the first element (depth first, root excluded) that matches
    /// <paramref name="match"/> is replaced by <paramref name="change"/>(element); <paramref name="root"/> itself when none matches.
    /// </summary>
    public static DomElement UpdateElement(DomElement root, Func<DomElement, bool> match, Func<DomElement, DomElement> change) =>
        TryUpdate(root, match, change, out var updated) ? updated : root;

    private static bool TryUpdate(DomElement parent, Func<DomElement, bool> match, Func<DomElement, DomElement> change, out DomElement updated)
    {
        var children = parent.Children;
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is not DomElement child)
            {
                continue;
            }
            DomElement? replacement = null;
            if (match(child))
            {
                replacement = change(child);
            }
            else if (TryUpdate(child, match, change, out var inner))
            {
                replacement = inner;
            }
            if (replacement is not null)
            {
                var copy = children.ToArray();
                copy[i] = replacement;
                updated = parent.WithChildren(copy);
                return true;
            }
        }
        updated = parent;
        return false;
    }
}

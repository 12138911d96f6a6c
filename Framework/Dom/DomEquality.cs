namespace RazorFaces.Dom;

/// <summary>
/// Structural equality of DOM nodes: same texts, tags, keys, attributes and children. Attribute order is
/// ignored because it has no meaning in the DOM (a patched attribute may end up in another position).
/// </summary>
internal sealed class DomEquality : IEqualityComparer<DomNode>
{
    /// <summary>The comparer.</summary>
    public static DomEquality Instance { get; } = new();

    private DomEquality()
    {
    }

    /// <summary>Whether two nodes are structurally equal.</summary>
    public static bool AreEqual(DomNode? left, DomNode? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }
        return (left, right) switch
        {
            (DomText a, DomText b) => string.Equals(a.Text, b.Text, StringComparison.Ordinal),
            (DomElement a, DomElement b) => a.Tag == b.Tag
                && string.Equals(a.Key, b.Key, StringComparison.Ordinal)
                && AttributesEqual(a, b)
                && ChildrenEqual(a.Children, b.Children),
            _ => false,
        };
    }

    /// <inheritdoc />
    public bool Equals(DomNode? x, DomNode? y) => AreEqual(x, y);

    /// <inheritdoc />
    public int GetHashCode(DomNode obj) => obj switch
    {
        DomText text => HashCode.Combine(1, text.Text),
        DomElement element => HashCode.Combine(element.Tag, element.Key, element.Attributes.Count, element.Children.Count),
        _ => 0,
    };

    private static bool AttributesEqual(DomElement a, DomElement b)
    {
        if (a.Attributes.Count != b.Attributes.Count)
        {
            return false;
        }
        foreach (var attribute in a.Attributes)
        {
            if (!string.Equals(b.GetAttribute(attribute.Name), attribute.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private static bool ChildrenEqual(IReadOnlyList<DomNode> a, IReadOnlyList<DomNode> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }
        for (var i = 0; i < a.Count; i++)
        {
            if (!AreEqual(a[i], b[i]))
            {
                return false;
            }
        }
        return true;
    }
}

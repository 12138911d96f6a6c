namespace RazorFaces.Dom;

/// <summary>An element: interned lower-case tag, attributes in render order, children, and an optional <c>@key</c>.</summary>
internal sealed class DomElement : DomNode
{
    private readonly DomAttribute[] _attributes;
    private readonly DomNode[] _children;
    private ulong _fingerprint;

    /// <summary>Creates an element. The arrays are owned by the element from now on and must not be changed.</summary>
    public DomElement(string tag, DomAttribute[]? attributes = null, DomNode[]? children = null, string? key = null)
    {
        Tag = StringPool.Names.Share(tag);
        _attributes = attributes is { Length: > 0 } ? attributes : [];
        _children = children is { Length: > 0 } ? children : [];
        Key = key;
    }

    /// <summary>The lower-case tag name.</summary>
    public string Tag { get; }

    /// <summary>The <c>@key</c> the element was rendered with, as a string; null when unkeyed.</summary>
    public string? Key { get; }

    /// <summary>Attributes in render order; names are unique.</summary>
    public IReadOnlyList<DomAttribute> Attributes => _attributes;

    /// <summary>Child nodes; never two adjacent <see cref="DomText"/> nodes, never an empty one.</summary>
    public IReadOnlyList<DomNode> Children => _children;

    /// <summary>This subtree's Merkle fingerprint, computed on first use (the element never changes after construction).</summary>
    internal ulong Fingerprint
    {
        get
        {
            // A 64-bit read or write is atomic; two threads computing it at once get the same value.
            var value = _fingerprint;
            return value != 0 ? value : _fingerprint = DomFingerprint.Of(this);
        }
    }

    /// <summary>Whether the fingerprint is known already (computed, or taken from an equal element).</summary>
    internal bool IsFingerprinted => _fingerprint != 0;

    /// <summary>
    /// Takes <paramref name="same"/>'s computed fingerprint when this element hashes exactly the same input: tag,
    /// key, attributes in order, texts, and children whose fingerprints are known and equal. The diff calls it for
    /// each unchanged pair, so after a component re-renders, only what changed is hashed again (a push re-renders
    /// every view of a group: the view record's DOM hash was the largest part of building its DOM).
    /// </summary>
    internal void AdoptFingerprint(DomElement same)
    {
        var print = same._fingerprint;
        if (print == 0 || _fingerprint != 0 || Tag != same.Tag || !string.Equals(Key, same.Key, StringComparison.Ordinal)
            || !_attributes.AsSpan().SequenceEqual(same._attributes) || _children.Length != same._children.Length)
        {
            return;
        }
        for (var i = 0; i < _children.Length; i++)
        {
            var equal = (_children[i], same._children[i]) switch
            {
                (DomText mine, DomText theirs) => string.Equals(mine.Text, theirs.Text, StringComparison.Ordinal),
                (DomElement mine, DomElement theirs) => ReferenceEquals(mine, theirs) || (mine._fingerprint != 0 && mine._fingerprint == theirs._fingerprint),
                _ => false,
            };
            if (!equal)
            {
                return;
            }
        }
        _fingerprint = print;
    }

    /// <summary>Whether the HTML syntax forbids children (input, br, img, ...).</summary>
    public bool IsVoid => HtmlSyntax.IsVoidElement(Tag);

    /// <summary>The value of an attribute, or null.</summary>
    public string? GetAttribute(string name)
    {
        foreach (var attribute in _attributes)
        {
            if (attribute.Name == name)
            {
                return attribute.Value;
            }
        }
        return null;
    }

    /// <summary>A copy with the children replaced.</summary>
    public DomElement WithChildren(DomNode[] children) => new(Tag, _attributes, children, Key);

    /// <summary>A copy with one attribute set (added at the end when missing).</summary>
    public DomElement WithAttribute(string name, string value)
    {
        var index = Array.FindIndex(_attributes, a => a.Name == name);
        var attributes = index < 0 ? [.. _attributes, new DomAttribute(name, value)] : (DomAttribute[])_attributes.Clone();
        if (index >= 0)
        {
            attributes[index] = new DomAttribute(attributes[index].Name, value);
        }
        return new DomElement(Tag, attributes, _children, Key);
    }

    /// <summary>A copy without the named attribute.</summary>
    public DomElement WithoutAttribute(string name) =>
        new(Tag, Array.FindAll(_attributes, a => a.Name != name), _children, Key);

    /// <inheritdoc />
    public override string ToString() => DomHtmlWriter.Write(this);
}

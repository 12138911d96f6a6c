namespace RazorFaces.Dom;

/// <summary>Computes the patches that turn one view DOM into another. Pure: no I/O, no clocks.</summary>
/// <remarks>
/// Every child list is diffed in three phases: the common prefix and suffix of matching nodes are trimmed;
/// the middle is changed structurally (removes, moves, inserts, replaces); then every matched pair is diffed
/// recursively at its final index. Because structural patches of a list come before the patches of its
/// children, each path is valid against the DOM as the earlier patches left it.
/// </remarks>
internal partial class DomDiff
{
    /// <summary>
    /// The patches that turn the children of <paramref name="oldRoot"/> into the children of
    /// <paramref name="newRoot"/>. The roots themselves (the view container) are not compared.
    /// </summary>
    public static IReadOnlyList<Patch> Compute(DomElement oldRoot, DomElement newRoot)
    {
        ArgumentNullException.ThrowIfNull(oldRoot);
        ArgumentNullException.ThrowIfNull(newRoot);
        if (ReferenceEquals(oldRoot, newRoot) || ReferenceEquals(oldRoot.Children, newRoot.Children))
        {
            return [];
        }
        var differ = new Differ();
        differ.DiffChildren(oldRoot.Children, newRoot.Children);
        return differ.Patches;
    }

    /// <summary>
    /// Whether two nodes are "the same node" for the diff: both texts, or elements with the same tag and key.
    /// Matching nodes are patched in place; others are replaced.
    /// </summary>
    internal static bool Matches(DomNode oldNode, DomNode newNode) =>
        ReferenceEquals(oldNode, newNode) ||
        (oldNode, newNode) switch
        {
            (DomText, DomText) => true,
            (DomElement o, DomElement n) => o.Tag == n.Tag && string.Equals(o.Key, n.Key, StringComparison.Ordinal),
            _ => false,
        };

    private sealed partial class Differ
    {
        // The path of the element whose children are being diffed; copied into each patch.
        private readonly List<int> _path = [];

        public List<Patch> Patches { get; } = [];

        private int[] PathTo(int index)
        {
            var path = new int[_path.Count + 1];
            _path.CopyTo(path);
            path[^1] = index;
            return path;
        }

        private int[] ParentPath() => [.. _path];

        private void DiffNode(int index, DomNode oldNode, DomNode newNode)
        {
            if (ReferenceEquals(oldNode, newNode))
            {
                return;
            }
            switch (oldNode, newNode)
            {
                case (DomText oldText, DomText newText):
                    if (!string.Equals(oldText.Text, newText.Text, StringComparison.Ordinal))
                    {
                        Patches.Add(new SetTextPatch(PathTo(index), newText.Text));
                    }
                    break;
                case (DomElement oldElement, DomElement newElement) when Matches(oldElement, newElement):
                    var patched = Patches.Count;
                    DiffAttributes(index, oldElement, newElement);
                    if (!ReferenceEquals(oldElement.Children, newElement.Children))
                    {
                        _path.Add(index);
                        DiffChildren(oldElement.Children, newElement.Children);
                        _path.RemoveAt(_path.Count - 1);
                    }
                    if (Patches.Count == patched)
                    {
                        // Unchanged: the new element need not be hashed again (it checks that its input is the same).
                        newElement.AdoptFingerprint(oldElement);
                    }
                    break;
                default:
                    Patches.Add(new ReplacePatch(PathTo(index), newNode));
                    break;
            }
        }

        private void DiffAttributes(int index, DomElement oldElement, DomElement newElement)
        {
            var oldAttributes = oldElement.Attributes;
            var newAttributes = newElement.Attributes;
            if (ReferenceEquals(oldAttributes, newAttributes))
            {
                return;
            }
            int[]? path = null;
            // Attribute lists are short (a handful), so linear look-ups beat building a dictionary.
            for (var i = 0; i < newAttributes.Count; i++)
            {
                var attribute = newAttributes[i];
                var oldValue = i < oldAttributes.Count && oldAttributes[i].Name == attribute.Name
                    ? oldAttributes[i].Value
                    : oldElement.GetAttribute(attribute.Name);
                if (!string.Equals(oldValue, attribute.Value, StringComparison.Ordinal))
                {
                    Patches.Add(new SetAttributePatch(path ??= PathTo(index), attribute.Name, attribute.Value));
                }
            }
            for (var i = 0; i < oldAttributes.Count; i++)
            {
                var name = oldAttributes[i].Name;
                var kept = i < newAttributes.Count && newAttributes[i].Name == name || newElement.GetAttribute(name) is not null;
                if (!kept)
                {
                    Patches.Add(new RemoveAttributePatch(path ??= PathTo(index), name));
                }
            }
        }
    }
}

namespace RazorFaces.Dom;

/// <summary>
/// A node of the compact, immutable server-side DOM a view keeps as its "old DOM".
/// Built straight from render frames (no HTML round trip); diffed by <see cref="DomDiff"/>.
/// </summary>
/// <remarks>
/// Nodes are never mutated after construction, so unchanged subtrees can be shared between
/// the old and the new DOM of a view and the diff can skip them by reference.
/// </remarks>
internal abstract class DomNode
{
    private protected DomNode()
    {
    }
}

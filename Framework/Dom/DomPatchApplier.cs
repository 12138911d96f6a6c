namespace RazorFaces.Dom;

/// <summary>
/// Applies patches to an immutable DOM, the way the browser client applies them to the live DOM.
/// The reference semantics of the patch list: used by fidelity tests and by the server to keep a DOM in step.
/// </summary>
internal static class DomPatchApplier
{
    /// <summary>
    /// Applies <paramref name="patches"/> in order to the children of <paramref name="root"/> and returns the new
    /// root. Unchanged subtrees are shared with the input.
    /// </summary>
    /// <exception cref="InvalidOperationException">A path or index does not resolve.</exception>
    public static DomElement Apply(DomElement root, IEnumerable<Patch> patches)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(patches);
        var number = 0;
        foreach (var patch in patches)
        {
            root = Apply(root, patch, number++);
        }
        return root;
    }

    private static DomElement Apply(DomElement root, Patch patch, int number) => patch switch
    {
        SetTextPatch p => UpdateChild(root, p, number, node => node is DomText
            ? new DomText(p.Text)
            : throw Fail(p, number, "the node is not a text node")),
        SetAttributePatch p => UpdateChild(root, p, number, node => AsElement(node, p, number).WithAttribute(p.Name, p.Value)),
        RemoveAttributePatch p => UpdateChild(root, p, number, node => AsElement(node, p, number).WithoutAttribute(p.Name)),
        InsertPatch p => Update(root, p.Path, 0, p, number, parent =>
        {
            var children = parent.Children;
            if (p.Index < 0 || p.Index > children.Count)
            {
                throw Fail(p, number, $"index {p.Index} is outside 0..{children.Count}");
            }
            return parent.WithChildren([.. children.Take(p.Index), p.Node, .. children.Skip(p.Index)]);
        }),
        RemovePatch p => UpdateParent(root, p, number, (children, index) => children.RemoveAt(index)),
        ReplacePatch p => UpdateParent(root, p, number, (children, index) => children[index] = p.Node),
        MovePatch p => Update(root, p.Path, 0, p, number, parent =>
        {
            var children = parent.Children.ToList();
            if (p.From < 0 || p.From >= children.Count || p.To < 0 || p.To >= children.Count)
            {
                throw Fail(p, number, $"move {p.From} -> {p.To} is outside 0..{children.Count - 1}");
            }
            var node = children[p.From];
            children.RemoveAt(p.From);
            children.Insert(p.To, node);
            return parent.WithChildren([.. children]);
        }),
        _ => throw new ArgumentException($"Unknown patch type {patch.GetType().Name}.", nameof(patch)),
    };

    private static DomElement AsElement(DomNode node, Patch patch, int number) =>
        node as DomElement ?? throw Fail(patch, number, "the node is not an element");

    /// <summary>Replaces the node at the patch's path (which must not be the root) by <paramref name="change"/>(node).</summary>
    private static DomElement UpdateChild(DomElement root, Patch patch, int number, Func<DomNode, DomNode> change) =>
        UpdateParent(root, patch, number, (children, index) => children[index] = change(children[index]));

    private static DomElement UpdateParent(DomElement root, Patch patch, int number, Action<List<DomNode>, int> change)
    {
        var path = patch.Path;
        if (path.Length == 0)
        {
            throw Fail(patch, number, "the path is empty (the root itself cannot be patched)");
        }
        return Update(root, path[..^1], 0, patch, number, parent =>
        {
            var index = path[^1];
            if (index < 0 || index >= parent.Children.Count)
            {
                throw Fail(patch, number, $"child {index} does not exist (the parent has {parent.Children.Count})");
            }
            var children = parent.Children.ToList();
            change(children, index);
            return parent.WithChildren([.. children]);
        });
    }

    private static DomElement Update(
        DomElement element, int[] path, int depth, Patch patch, int number, Func<DomElement, DomElement> change)
    {
        if (depth == path.Length)
        {
            return change(element);
        }
        var index = path[depth];
        if (index < 0 || index >= element.Children.Count || element.Children[index] is not DomElement child)
        {
            throw Fail(patch, number, $"step {depth} of the path ({index}) does not lead to an element");
        }
        var children = element.Children.ToArray();
        children[index] = Update(child, path, depth + 1, patch, number, change);
        return element.WithChildren(children);
    }

    private static InvalidOperationException Fail(Patch patch, int number, string reason) =>
        new($"Patch #{number} ({patch.GetType().Name[..^"Patch".Length]} at [{string.Join(",", patch.Path)}]) does not apply: {reason}.");
}

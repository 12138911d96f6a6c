using RazorFaces.Protocol;

namespace RazorFaces.Dom;

/// <summary>
/// One step of turning an old DOM into a new one. Patches are applied in order; every path is a list of
/// child indexes from the view root, resolved against the DOM as the earlier patches left it.
/// </summary>
public abstract record Patch(int[] Path)
{
    /// <summary>The wire code of this patch.</summary>
    public abstract PatchCode Code { get; }
}

/// <summary>Set the text of the text node at <see cref="Patch.Path"/>.</summary>
public sealed record SetTextPatch(int[] Path, string Text) : Patch(Path)
{
    /// <inheritdoc />
    public override PatchCode Code => PatchCode.SetText;
}

/// <summary>Set an attribute of the element at <see cref="Patch.Path"/>.</summary>
public sealed record SetAttributePatch(int[] Path, string Name, string Value) : Patch(Path)
{
    /// <inheritdoc />
    public override PatchCode Code => PatchCode.SetAttribute;
}

/// <summary>Remove an attribute of the element at <see cref="Patch.Path"/>.</summary>
public sealed record RemoveAttributePatch(int[] Path, string Name) : Patch(Path)
{
    /// <inheritdoc />
    public override PatchCode Code => PatchCode.RemoveAttribute;
}

/// <summary>Insert <see cref="Node"/> as child <see cref="Index"/> of the element at <see cref="Patch.Path"/>.</summary>
public sealed record InsertPatch(int[] Path, int Index, DomNode Node) : Patch(Path)
{
    /// <inheritdoc />
    public override PatchCode Code => PatchCode.Insert;
}

/// <summary>Remove the node at <see cref="Patch.Path"/>.</summary>
public sealed record RemovePatch(int[] Path) : Patch(Path)
{
    /// <inheritdoc />
    public override PatchCode Code => PatchCode.Remove;
}

/// <summary>
/// Move child <see cref="From"/> of the element at <see cref="Patch.Path"/> so that it ends up at index
/// <see cref="To"/> (the child is taken out first, then inserted at <see cref="To"/>).
/// </summary>
public sealed record MovePatch(int[] Path, int From, int To) : Patch(Path)
{
    /// <inheritdoc />
    public override PatchCode Code => PatchCode.Move;
}

/// <summary>Replace the node at <see cref="Patch.Path"/> by <see cref="Node"/>.</summary>
public sealed record ReplacePatch(int[] Path, DomNode Node) : Patch(Path)
{
    /// <inheritdoc />
    public override PatchCode Code => PatchCode.Replace;
}

namespace RazorFaces.Dom;

/// <summary>
/// One step of turning an old DOM into a new one. Patches are applied in order; every path is a list of
/// child indexes from the view root, resolved against the DOM as the earlier patches left it.
/// </summary>
internal abstract record Patch(int[] Path);

/// <summary>Set the text of the text node at <see cref="Patch.Path"/>.</summary>
internal sealed record SetTextPatch(int[] Path, string Text) : Patch(Path);

/// <summary>Set an attribute of the element at <see cref="Patch.Path"/>.</summary>
internal sealed record SetAttributePatch(int[] Path, string Name, string Value) : Patch(Path);

/// <summary>Remove an attribute of the element at <see cref="Patch.Path"/>.</summary>
internal sealed record RemoveAttributePatch(int[] Path, string Name) : Patch(Path);

/// <summary>Insert <see cref="Node"/> as child <see cref="Index"/> of the element at <see cref="Patch.Path"/>.</summary>
internal sealed record InsertPatch(int[] Path, int Index, DomNode Node) : Patch(Path);

/// <summary>Remove the node at <see cref="Patch.Path"/>.</summary>
internal sealed record RemovePatch(int[] Path) : Patch(Path);

/// <summary>
/// Move child <see cref="From"/> of the element at <see cref="Patch.Path"/> so that it ends up at index
/// <see cref="To"/> (the child is taken out first, then inserted at <see cref="To"/>).
/// </summary>
internal sealed record MovePatch(int[] Path, int From, int To) : Patch(Path);

/// <summary>Replace the node at <see cref="Patch.Path"/> by <see cref="Node"/>.</summary>
internal sealed record ReplacePatch(int[] Path, DomNode Node) : Patch(Path);

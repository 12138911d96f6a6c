namespace RazorFaces.Rendering;

/// <summary>Where a component sits in its view: its process-independent path and its parent's id (-1 for the root).</summary>
internal readonly record struct ComponentPlace(string Path, int ParentId);

namespace RazorFaces.Dom;

/// <summary>Computes the patches that turn one view DOM into another. Pure: no I/O, no clocks.</summary>
public static class DomDiff
{
    /// <summary>
    /// The patches that turn the children of <paramref name="oldRoot"/> into the children of
    /// <paramref name="newRoot"/>. The roots themselves (the view container) are not compared.
    /// </summary>
    public static IReadOnlyList<Patch> Compute(DomElement oldRoot, DomElement newRoot) =>
        throw new NotImplementedException("Being written in the Dom worktree.");
}

namespace RazorFaces.Dom;

/// <summary>
/// A process-independent fingerprint of a view's DOM, stored with the view so that a node that rebuilds the view
/// can tell whether the browser already shows exactly what it rendered.
/// </summary>
/// <remarks>
/// Computed from the elements' cached Merkle fingerprints (<see cref="DomFingerprint"/>), so after an event it costs
/// the hashing of the changed path only. Nodes of different versions that fingerprinted differently simply disagree
/// during a rolling upgrade: the rebuilt view is then answered with a full refresh, which is always safe.
/// </remarks>
internal static class DomHash
{
    /// <summary>A short hex digest of the root's children.</summary>
    public static string Of(DomElement root) => DomFingerprint.OfChildren(root).ToString("X16", System.Globalization.CultureInfo.InvariantCulture);
}

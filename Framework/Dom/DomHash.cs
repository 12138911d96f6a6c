using System.Security.Cryptography;
using System.Text;

namespace RazorFaces.Dom;

/// <summary>
/// A process-independent fingerprint of a view's DOM (its HTML), stored with the view so that a node that
/// rebuilds the view can tell whether the browser already shows exactly what it rendered.
/// </summary>
public static class DomHash
{
    /// <summary>A short hex digest of the root's children.</summary>
    public static string Of(DomElement root) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(DomHtmlWriter.WriteChildren(root))), 0, 12);
}

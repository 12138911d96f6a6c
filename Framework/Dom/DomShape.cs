using System.Globalization;

namespace RazorFaces.Dom;

/// <summary>
/// A digest of where the nodes of a view's DOM are: each node's kind (text, or element and its tag) and its place
/// among its siblings; no text, no attributes. That is what decides whether a patch path finds the node the server
/// means. The host page writes it on <c>#rf-root</c>; the client computes the same over the DOM the browser's parser
/// built from the page and asks for a refresh when they differ (docs/protocol.md, "The first GET").
/// </summary>
/// <remarks>
/// It describes the HTML the writer produces for the DOM: a <c>textarea</c>'s value is its text, void elements have no
/// children. Digest: 32-bit FNV-1a over the UTF-16 code units of a preorder walk that writes <c>#</c> for a text and
/// <c>tag(</c>…<c>)</c> for an element, tags lower-cased in ASCII (the client does the same in
/// <c>Framework.Client/src/shape.ts</c>; <c>tests/fixtures/protocol/dom-shapes.json</c> holds both to one answer).
/// </remarks>
internal static class DomShape
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>The digest of the root's children, as eight lower-case hex digits.</summary>
    public static string Of(DomElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var hash = OffsetBasis;
        foreach (var child in root.Children)
        {
            Add(ref hash, child);
        }
        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    private static void Add(ref uint hash, DomNode node)
    {
        if (node is not DomElement element)
        {
            Mix(ref hash, '#');
            return;
        }
        foreach (var c in element.Tag)
        {
            Mix(ref hash, c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c);
        }
        Mix(ref hash, '(');
        if (element.Tag == "textarea" && element.GetAttribute("value") is { } value)
        {
            if (value.Length > 0)
            {
                Mix(ref hash, '#');
            }
        }
        else if (!element.IsVoid)
        {
            foreach (var child in element.Children)
            {
                Add(ref hash, child);
            }
        }
        Mix(ref hash, ')');
    }

    private static void Mix(ref uint hash, char c) => hash = (hash ^ c) * Prime;
}

using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using RazorFaces.Dom;

namespace RazorFaces.Tests.Support;

/// <summary>
/// Converts a live AngleSharp tree to the server's DOM model node by node, without serializing and re-parsing:
/// a tree built by patches can hold shapes the HTML parser never produces (a <c>div</c> inside a <c>p</c>), and a
/// round trip through HTML would hide exactly those differences.
/// </summary>
internal static class AngleSharpDom
{
    /// <summary>The element and its subtree. Texts are kept as they are (not merged), comments dropped.</summary>
    public static DomElement ToDom(IElement element)
    {
        var isHtml = element.NamespaceUri == NamespaceNames.HtmlUri;
        var attributes = element.Attributes
            .Select(a => new DomAttribute(isHtml ? a.Name.ToLowerInvariant() : a.Name, a.Value))
            .ToArray();
        var children = element is IHtmlTemplateElement template ? template.Content.ChildNodes : element.ChildNodes;
        return new DomElement(
            isHtml ? element.LocalName.ToLowerInvariant() : element.LocalName,
            attributes,
            [.. children.Select(ToDom).OfType<DomNode>()]);
    }

    private static DomNode? ToDom(INode node) => node switch
    {
        IText text => new DomText(text.Data),
        IElement element => ToDom(element),
        _ => null,
    };
}

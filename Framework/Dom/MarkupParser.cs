using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace RazorFaces.Dom;

/// <summary>
/// Parses an HTML fragment (for example a Razor <c>MarkupString</c>) into DOM nodes with AngleSharp's
/// HTML5-exact parser, in the context of a given parent element so that, say, <c>&lt;tr&gt;</c> parses
/// inside a <c>tbody</c> exactly as the browser would parse it there.
/// </summary>
/// <remarks>
/// Comments are dropped, adjacent texts merged and empty texts dropped, so the result has the shape of
/// the browser's <c>childNodes</c> minus comments. Names of HTML elements and attributes are lower case
/// and interned; inside SVG and MathML the parser's case-adjusted names (<c>viewBox</c>, <c>foreignObject</c>)
/// are kept, because lower-casing them would make them different names in the browser.
/// </remarks>
internal static class MarkupParser
{
    // An HtmlParser and the document that owns the context elements are not thread-safe; one per thread is cheap.
    [ThreadStatic]
    private static ParserState? s_state;

    /// <summary>Parses <paramref name="html"/> as the content of a <paramref name="contextTag"/> element.</summary>
    /// <param name="html">The fragment.</param>
    /// <param name="contextTag">The lower-case tag of the element the fragment goes into, e.g. <c>div</c> or <c>tbody</c>.</param>
    public static DomNode[] Parse(string html, string contextTag = "div")
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentException.ThrowIfNullOrEmpty(contextTag);
        if (html.Length == 0)
        {
            return [];
        }
        var state = s_state ??= new ParserState();
        var nodes = state.Parser.ParseFragment(html, state.Context(contextTag));
        return Convert(nodes);
    }

    /// <summary>Parses <paramref name="html"/> as the children of a new element <paramref name="rootTag"/>.</summary>
    public static DomElement ParseElementContent(string rootTag, string html) =>
        new(rootTag.ToLowerInvariant(), children: Parse(html, rootTag.ToLowerInvariant()));

    private static DomNode[] Convert(IEnumerable<INode> nodes)
    {
        var children = new List<DomNode>();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case IText text:
                    children.Add(new DomText(text.Data));
                    break;
                case IElement element:
                    children.Add(Convert(element));
                    break;
                default:
                    // Comments, processing instructions and doctypes have no place in a view's DOM.
                    break;
            }
        }
        return DomNormalizer.NormalizeChildren([.. children]);
    }

    private static DomElement Convert(IElement element)
    {
        var isHtml = element.NamespaceUri == NamespaceNames.HtmlUri;
        var tag = isHtml ? element.LocalName.ToLowerInvariant() : element.LocalName;
        var attributes = new DomAttribute[element.Attributes.Length];
        for (var i = 0; i < attributes.Length; i++)
        {
            var attribute = element.Attributes[i]!;
            var name = isHtml ? attribute.Name.ToLowerInvariant() : attribute.Name;
            attributes[i] = new DomAttribute(StringPool.Names.Share(name), attribute.Value);
        }
        // A template's children live in its content fragment.
        var childNodes = element is IHtmlTemplateElement template ? template.Content.ChildNodes : element.ChildNodes;
        return new DomElement(tag, attributes, Convert(childNodes));
    }

    private sealed class ParserState
    {
        private readonly Dictionary<string, IElement> _contexts = new(StringComparer.Ordinal);
        private readonly IDocument _document;

        public ParserState()
        {
            Parser = new HtmlParser();
            _document = Parser.ParseDocument(string.Empty);
        }

        public HtmlParser Parser { get; }

        public IElement Context(string tag)
        {
            if (!_contexts.TryGetValue(tag, out var context))
            {
                context = _document.CreateElement(tag);
                _contexts[tag] = context;
            }
            return context;
        }
    }
}

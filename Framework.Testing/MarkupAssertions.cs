using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RazorFaces.Testing.Internal;

namespace RazorFaces.Testing;

/// <summary>Structural markup assertions on elements of a <see cref="RenderedView"/>.</summary>
public static class MarkupAssertions
{
    /// <summary>
    /// Asserts that <paramref name="element"/> (the element itself, not only its content) is
    /// <paramref name="expectedHtml"/>, compared as <see cref="RenderedView.MarkupMatches"/> compares.
    /// </summary>
    /// <exception cref="MarkupMismatchException">The markup differs.</exception>
    public static void MarkupMatches(this IElement element, string expectedHtml)
    {
        ArgumentNullException.ThrowIfNull(element);
        Match([element], expectedHtml);
    }

    internal static void Match(IEnumerable<INode> actualNodes, string expectedHtml)
    {
        ArgumentNullException.ThrowIfNull(expectedHtml);
        // AngleSharp parsers are not safe to share between threads, and tests run in parallel.
        var parser = new HtmlParser();
        var context = parser.ParseDocument(string.Empty).CreateElement("div");
        var expected = CanonicalDom.Loose(CanonicalDom.FromAngleSharp("div", parser.ParseFragment(expectedHtml, context)));
        var actual = CanonicalDom.Loose(CanonicalDom.FromAngleSharp("div", actualNodes));
        if (CanonicalDom.FirstDifference(expected, actual) is { } difference)
        {
            throw new MarkupMismatchException(CanonicalDom.Describe(expected), CanonicalDom.Describe(actual), difference);
        }
    }
}

using RazorFaces.Dom;

namespace RazorFaces.Tests.Support;

/// <summary>Compares two view contents as DOMs (attribute order ignored), the way the browser would parse them.</summary>
public static class HtmlComparison
{
    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> parse, inside a div, to the same DOM.</summary>
    public static bool AreEquivalent(string left, string right) =>
        DomEquality.AreEqual(MarkupParser.ParseElementContent("div", left), MarkupParser.ParseElementContent("div", right));
}

namespace RazorFaces.Dom;

/// <summary>The few facts of HTML syntax the writer, builder and diff need.</summary>
internal static class HtmlSyntax
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    /// <summary>Elements that never have children or an end tag.</summary>
    public static bool IsVoidElement(string tag) => VoidElements.Contains(tag);

    /// <summary>
    /// Attributes whose live DOM property can differ from the attribute once the user interacts
    /// (the client sets the property too when it patches them).
    /// </summary>
    public static bool IsFormValueAttribute(string tag, string name) =>
        (name == "value" && tag is "input" or "textarea" or "select") ||
        (name == "checked" && tag == "input") ||
        (name == "selected" && tag == "option");
}

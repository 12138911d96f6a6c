using RazorFaces.Dom;

namespace RazorFaces.Rendering;

internal sealed partial class FrameDomBuilder
{
    /// <summary>
    /// A <c>&lt;tr&gt;</c> written straight into a <c>&lt;table&gt;</c> (common in Razor, which Blazor allows because it
    /// builds the DOM with script) never reaches the browser's DOM as such: the HTML parser puts rows into a
    /// <c>tbody</c> it creates. The server's DOM must have that <c>tbody</c> too, or every patch path below the table
    /// would miss by one level.
    /// </summary>
    private static List<DomNode> WithImpliedTableBodies(List<DomNode> children)
    {
        if (!children.Exists(c => c is DomElement { Tag: "tr" }))
        {
            return children;
        }
        var result = new List<DomNode>(children.Count);
        List<DomNode>? body = null;
        foreach (var child in children)
        {
            switch (child)
            {
                case DomElement { Tag: "tr" }:
                    (body ??= []).Add(child);
                    break;
                // The parser keeps whitespace inside the open tbody; other nodes close it.
                case DomText text when body is not null && IsHtmlWhitespace(text.Text):
                    body.Add(text);
                    break;
                default:
                    CloseBody(result, ref body);
                    result.Add(child);
                    break;
            }
        }
        CloseBody(result, ref body);
        return result;
    }

    private static void CloseBody(List<DomNode> result, ref List<DomNode>? body)
    {
        if (body is not null)
        {
            result.Add(new DomElement("tbody", children: [.. body]));
            body = null;
        }
    }

    private static bool IsHtmlWhitespace(string text) => text.All(c => c is ' ' or '\t' or '\n' or '\f' or '\r');
}

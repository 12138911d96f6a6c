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

    /// <summary>
    /// A component's nodes where its component frame sits. <c>Virtualize</c> renders its two spacers as <c>div</c>s
    /// (its <c>SpacerElement</c>) wherever it is, and QuickGrid puts it in a <c>tbody</c>. Blazor builds that with
    /// script; the HTML parser moves a <c>div</c> out of a table in front of it, so the first page never matched the
    /// server's DOM and was refreshed at once. In a table section the spacers are written as <c>tr</c>, the element
    /// Blazor's documentation tells authors to give <c>SpacerElement</c> there: the parser keeps it, an empty row
    /// with a height spaces rows as the <c>div</c> does (Blazor's script shows such a <c>div</c> as a table row),
    /// and the element keeps its attributes and its <c>data-rf</c> reference, so interop still finds it.
    /// </summary>
    private DomNode[] ComponentNodes(int componentId, string parentTag)
    {
        var dom = Build(componentId);
        if (!IsTableSection(parentTag) || !renderer.IsVirtualize(componentId))
        {
            return dom.Nodes;
        }
        return dom.NodesInTable ??= SpacersAsRows(dom.Nodes);
    }

    // Virtualize's top-level frames are its spacers, first and last; everything between comes from its regions.
    private static DomNode[] SpacersAsRows(DomNode[] nodes)
    {
        var rows = (DomNode[])nodes.Clone();
        var first = Array.FindIndex(rows, n => n is DomElement);
        var last = Array.FindLastIndex(rows, n => n is DomElement);
        foreach (var index in new[] { first, last })
        {
            if (index >= 0 && rows[index] is DomElement { Tag: not "tr" } spacer)
            {
                rows[index] = new DomElement("tr", [.. spacer.Attributes], [.. spacer.Children], spacer.Key);
            }
        }
        return rows;
    }

    private static bool IsTableSection(string tag) => tag is "table" or "tbody" or "thead" or "tfoot";

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

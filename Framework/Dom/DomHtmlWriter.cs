using System.Text;
using System.Text.Encodings.Web;

namespace RazorFaces.Dom;

/// <summary>Writes DOM nodes as HTML. Every text and attribute value is escaped.</summary>
public static class DomHtmlWriter
{
    // HtmlEncoder.Default escapes every non-ASCII character; pages in any language would triple in size.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>The HTML of one node.</summary>
    public static string Write(DomNode node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.ToString();
    }

    /// <summary>The HTML of an element's children (what the browser's <c>innerHTML</c> would show).</summary>
    public static string WriteChildren(DomElement element)
    {
        var builder = new StringBuilder();
        foreach (var child in element.Children)
        {
            Write(child, builder);
        }
        return builder.ToString();
    }

    /// <summary>Appends the HTML of one node.</summary>
    public static void Write(DomNode node, StringBuilder builder)
    {
        switch (node)
        {
            case DomText text:
                builder.Append(Encoder.Encode(text.Text));
                break;
            case DomElement element:
                WriteElement(element, builder);
                break;
            default:
                throw new ArgumentException($"Unknown node type {node.GetType().Name}.", nameof(node));
        }
    }

    private static void WriteElement(DomElement element, StringBuilder builder)
    {
        builder.Append('<').Append(element.Tag);
        // A textarea's value is its content in HTML, and a select's value is the selected option.
        var textareaValue = element.Tag == "textarea" ? element.GetAttribute("value") : null;
        var selectValue = element.Tag == "select" ? element.GetAttribute("value") : null;
        foreach (var attribute in element.Attributes)
        {
            if (attribute.Name == "value" && element.Tag is "textarea" or "select")
            {
                continue;
            }
            builder.Append(' ').Append(attribute.Name);
            if (attribute.Value.Length > 0)
            {
                builder.Append("=\"").Append(Encoder.Encode(attribute.Value)).Append('"');
            }
        }
        builder.Append('>');
        if (element.IsVoid)
        {
            return;
        }
        if (textareaValue is not null)
        {
            builder.Append(Encoder.Encode(textareaValue));
        }
        else
        {
            foreach (var child in element.Children)
            {
                if (selectValue is not null && child is DomElement { Tag: "option" } option)
                {
                    WriteElement(MarkSelected(option, selectValue), builder);
                }
                else
                {
                    Write(child, builder);
                }
            }
        }
        builder.Append("</").Append(element.Tag).Append('>');
    }

    private static DomElement MarkSelected(DomElement option, string selectValue)
    {
        var value = option.GetAttribute("value") ?? (option.Children is [DomText t] ? t.Text : "");
        return value == selectValue && option.GetAttribute("selected") is null ? option.WithAttribute("selected", "") : option;
    }
}

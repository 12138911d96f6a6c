using System.Text;

namespace RazorFaces.Dom;

/// <summary>
/// Writes DOM nodes as HTML. Every text and attribute value is escaped. The output is exactly what a browser's
/// <c>innerHTML</c> gives for the same DOM (the HTML fragment serialization algorithm), so the server's HTML,
/// the golden protocol fixtures and the client's DOM can be compared as strings.
/// </summary>
/// <remarks>
/// Escaping follows the serialization algorithm rather than <c>HtmlEncoder</c>: text escapes <c>&amp; &lt; &gt;</c>
/// and no-break space, attribute values (always double-quoted) escape <c>&amp; " &lt; &gt;</c> and no-break space.
/// That is enough for safety in those two contexts, keeps non-ASCII text as it is, and matches the browser.
/// </remarks>
internal static class DomHtmlWriter
{

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
                AppendText(builder, text.Text);
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
        if (element.Tag == "select")
        {
            // A select's value is the selected option (the server's DOM has it marked already; other DOMs may not).
            element = SelectValue.Mark(element);
        }
        builder.Append('<').Append(element.Tag);
        // A textarea's value is its content in HTML.
        var textareaValue = element.Tag == "textarea" ? element.GetAttribute("value") : null;
        foreach (var attribute in element.Attributes)
        {
            if (attribute.Name == "value" && element.Tag is "textarea" or "select")
            {
                continue;
            }
            // Always name="value", even when empty: the browser serializes boolean attributes that way too.
            builder.Append(' ').Append(attribute.Name).Append("=\"");
            AppendAttributeValue(builder, attribute.Value);
            builder.Append('"');
        }
        builder.Append('>');
        if (element.IsVoid)
        {
            return;
        }
        if (element.Tag is "pre" or "textarea" or "listing"
            && (textareaValue ?? (element.Children is [DomText first, ..] ? first.Text : null)) is ['\n', ..])
        {
            // The parser drops a newline right after these start tags; one more keeps the content's own.
            builder.Append('\n');
        }
        if (textareaValue is not null)
        {
            AppendText(builder, textareaValue);
        }
        else
        {
            foreach (var child in element.Children)
            {
                if (child is DomText text && IsRawText(element.Tag, text.Text))
                {
                    builder.Append(text.Text);
                }
                else
                {
                    Write(child, builder);
                }
            }
        }
        builder.Append("</").Append(element.Tag).Append('>');
    }

    /// <summary>
    /// The content of script and style is not parsed for entities, so it must be written unescaped (the browser does
    /// the same). Only when the text would close its element early is it escaped instead: mangled but harmless.
    /// </summary>
    private static bool IsRawText(string tag, string text) =>
        tag is "style" or "script" or "xmp" or "iframe" or "noembed" or "noframes" &&
        !text.Contains("</" + tag, StringComparison.OrdinalIgnoreCase);

    private static void AppendText(StringBuilder builder, string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var entity = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\u00A0' => "&nbsp;",
                _ => null,
            };
            if (entity is not null)
            {
                builder.Append(text, start, i - start).Append(entity);
                start = i + 1;
            }
        }
        builder.Append(text, start, text.Length - start);
    }

    private static void AppendAttributeValue(StringBuilder builder, string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var entity = value[i] switch
            {
                '&' => "&amp;",
                '"' => "&quot;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\u00A0' => "&nbsp;",
                _ => null,
            };
            if (entity is not null)
            {
                builder.Append(value, start, i - start).Append(entity);
                start = i + 1;
            }
        }
        builder.Append(value, start, value.Length - start);
    }
}

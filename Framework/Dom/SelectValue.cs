namespace RazorFaces.Dom;

/// <summary>
/// What a <c>select</c>'s <c>value</c> (the live property <c>@bind</c> sets) means in the DOM: the first of its options
/// with that value carries <c>selected</c>, wherever it sits (inside an <c>optgroup</c> too), and no other option does.
/// The server models that, so an option inserted later (with its optgroup, say) arrives already selected.
/// </summary>
internal static class SelectValue
{
    /// <summary>
    /// <paramref name="select"/> with its options marked for its <c>value</c> attribute; the element itself when it has
    /// no value, is <c>multiple</c>, or is marked already.
    /// </summary>
    public static DomElement Mark(DomElement select)
    {
        ArgumentNullException.ThrowIfNull(select);
        if (select.GetAttribute("value") is not { } value || select.GetAttribute("multiple") is not null)
        {
            return select;
        }
        var found = false;
        return Mark(select, value, ref found);
    }

    /// <summary>The option's value as the browser computes it: its <c>value</c> attribute, else its text, trimmed.</summary>
    public static string OptionValue(DomElement option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.GetAttribute("value") ?? CollapseWhitespace(TextOf(option));
    }

    private static DomElement Mark(DomElement parent, string value, ref bool found)
    {
        DomNode[]? copy = null;
        for (var i = 0; i < parent.Children.Count; i++)
        {
            if (parent.Children[i] is not DomElement child)
            {
                continue;
            }
            var marked = child.Tag switch
            {
                "option" => MarkOption(child, value, ref found),
                // A nested select or datalist has options of its own.
                "select" or "datalist" => child,
                _ => Mark(child, value, ref found),
            };
            if (!ReferenceEquals(marked, child))
            {
                copy ??= [.. parent.Children];
                copy[i] = marked;
            }
        }
        return copy is null ? parent : parent.WithChildren(copy);
    }

    private static DomElement MarkOption(DomElement option, string value, ref bool found)
    {
        var selected = !found && OptionValue(option) == value;
        found |= selected;
        var marked = option.GetAttribute("selected") is not null;
        return selected == marked ? option : selected ? option.WithAttribute("selected", string.Empty) : option.WithoutAttribute("selected");
    }

    private static string TextOf(DomElement element)
    {
        if (element.Children is [DomText only])
        {
            return only.Text;
        }
        var text = new System.Text.StringBuilder();
        foreach (var child in element.Children)
        {
            text.Append(child switch
            {
                DomText t => t.Text,
                DomElement e when e.Tag != "script" => TextOf(e),
                _ => string.Empty,
            });
        }
        return text.ToString();
    }

    // The HTML spec's "strip and collapse ASCII whitespace".
    private static string CollapseWhitespace(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\n' or '\f' or '\r')
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }
}

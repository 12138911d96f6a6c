using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using RazorFaces.Dom;

namespace RazorFaces.Testing.Internal;

/// <summary>
/// Brings a server DOM and a browser-like AngleSharp DOM into one comparable shape. Strict mode compares what
/// decides whether the next patch lands where the server thinks it does (every node, exact texts); loose mode is
/// for <c>MarkupMatches</c>, which page authors write by hand.
/// </summary>
/// <remarks>
/// Both modes compare form values the way the browser shows them: a <c>textarea</c>'s value is its
/// <c>value</c> attribute if set, else its text; a <c>select</c>'s value is its <c>value</c> attribute if set,
/// else the value of its last <c>selected</c> option. The server keeps <c>value</c> attributes, the HTML the
/// browser parsed has content and <c>selected</c> options instead: both mean the same.
/// Names are compared in lower case because the HTML parser lower-cases them and <c>setAttribute</c> does too.
/// Keys are dropped: they live only on the server.
/// </remarks>
internal static class CanonicalDom
{
    private const string RfAttributePrefix = "data-rf";

    /// <summary>The children of an AngleSharp node as server DOM nodes, as they are (no text merged).</summary>
    public static DomElement FromAngleSharp(string tag, IEnumerable<INode> nodes) => new(tag, children: [.. Convert(nodes)]);

    public static DomElement Strict(DomElement root) => Canonical(root, loose: false);

    public static DomElement Loose(DomElement root) => Canonical(root, loose: true);

    /// <summary>Where two canonical trees first differ, in words; null when they are equal.</summary>
    public static string? FirstDifference(DomElement expected, DomElement actual) => Difference(expected, actual, "root");

    /// <summary>The children of a canonical root as HTML, for messages.</summary>
    public static string Describe(DomElement root) => DomHtmlWriter.WriteChildren(root);

    private static IEnumerable<DomNode> Convert(IEnumerable<INode> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case IText text:
                    yield return new DomText(text.Data);
                    break;
                case IElement element:
                    var attributes = element.Attributes.Select(a => new DomAttribute(a.Name, a.Value)).ToArray();
                    var children = element is IHtmlTemplateElement template ? template.Content.ChildNodes : element.ChildNodes;
                    yield return new DomElement(element.LocalName, attributes, [.. Convert(children)]);
                    break;
                default:
                    // Comments have no place in a view; the server never sends any.
                    break;
            }
        }
    }

    private static DomElement Canonical(DomElement element, bool loose)
    {
        var tag = element.Tag.ToLowerInvariant();
        var attributes = new List<DomAttribute>();
        foreach (var attribute in element.Attributes)
        {
            var name = attribute.Name.ToLowerInvariant();
            if (loose && name.StartsWith(RfAttributePrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var value = loose && name == "class" ? string.Join(' ', attribute.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)) : attribute.Value;
            attributes.Add(new DomAttribute(name, value));
        }
        if (tag == "textarea")
        {
            var value = element.GetAttribute("value") ?? TextOf(element);
            return new DomElement(tag, [.. WithValue(attributes, value)]);
        }
        var children = new List<DomNode>();
        foreach (var child in element.Children)
        {
            switch (child)
            {
                case DomElement childElement:
                    children.Add(Canonical(childElement, loose));
                    break;
                case DomText text when !loose:
                    children.Add(text);
                    break;
                case DomText text:
                    var collapsed = CollapseWhitespace(text.Text);
                    if (collapsed.Length > 0)
                    {
                        children.Add(new DomText(collapsed));
                    }
                    break;
            }
        }
        if (tag == "select")
        {
            var value = element.GetAttribute("value") ?? SelectedOptionValue(element);
            children = [.. children.Select(WithoutSelected)];
            if (value is not null)
            {
                attributes = WithValue(attributes, value);
            }
        }
        var nodes = loose ? DomNormalizer.NormalizeChildren(children) : [.. children];
        return new DomElement(tag, [.. attributes], nodes);
    }

    private static List<DomAttribute> WithValue(List<DomAttribute> attributes, string value) =>
        [.. attributes.Where(a => a.Name != "value"), new DomAttribute("value", value)];

    private static string? SelectedOptionValue(DomElement select)
    {
        string? value = null;
        foreach (var option in Options(select))
        {
            if (option.GetAttribute("selected") is not null)
            {
                value = option.GetAttribute("value") ?? TextOf(option);
            }
        }
        return value;
    }

    private static IEnumerable<DomElement> Options(DomElement parent) =>
        parent.Children.OfType<DomElement>().SelectMany(e => e.Tag == "option" ? [e] : e.Tag == "optgroup" ? Options(e) : []);

    private static DomNode WithoutSelected(DomNode node) => node switch
    {
        DomElement { Tag: "option" } option => option.WithoutAttribute("selected"),
        DomElement { Tag: "optgroup" } group => group.WithChildren([.. group.Children.Select(WithoutSelected)]),
        _ => node,
    };

    private static string TextOf(DomElement element)
    {
        var text = new StringBuilder();
        foreach (var child in element.Children)
        {
            text.Append(child switch
            {
                DomText t => t.Text,
                DomElement e => TextOf(e),
                _ => string.Empty,
            });
        }
        return text.ToString();
    }

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static string? Difference(DomNode expected, DomNode actual, string where)
    {
        switch (expected, actual)
        {
            case (DomText e, DomText a):
                return e.Text == a.Text ? null : $"at {where}: text \"{e.Text}\" expected, \"{a.Text}\" found";
            case (DomElement e, DomElement a):
                if (e.Tag != a.Tag)
                {
                    return $"at {where}: <{e.Tag}> expected, <{a.Tag}> found";
                }
                foreach (var name in e.Attributes.Select(x => x.Name).Union(a.Attributes.Select(x => x.Name)))
                {
                    if (e.GetAttribute(name) != a.GetAttribute(name))
                    {
                        return $"at {where} <{e.Tag}>: attribute {name}={Quote(e.GetAttribute(name))} expected, {Quote(a.GetAttribute(name))} found";
                    }
                }
                for (var i = 0; i < Math.Min(e.Children.Count, a.Children.Count); i++)
                {
                    if (Difference(e.Children[i], a.Children[i], $"{where}/{i}") is { } inner)
                    {
                        return inner;
                    }
                }
                return e.Children.Count == a.Children.Count
                    ? null
                    : $"at {where} <{e.Tag}>: {e.Children.Count} child nodes expected, {a.Children.Count} found";
            default:
                return $"at {where}: {Kind(expected)} expected, {Kind(actual)} found";
        }
    }

    private static string Quote(string? value) => value is null ? "(absent)" : "\"" + value + "\"";

    private static string Kind(DomNode node) => node is DomText text ? $"text \"{text.Text}\"" : $"<{((DomElement)node).Tag}>";
}

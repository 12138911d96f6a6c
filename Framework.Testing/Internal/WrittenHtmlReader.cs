using AngleSharp.Dom;
using RazorFaces.Dom;

namespace RazorFaces.Testing.Internal;

/// <summary>
/// Builds the nodes the server's HTML writer wrote with DOM calls, as the browser client does
/// (<c>Framework.Client/src/markup.ts</c>), so no HTML parser repairs them into another tree: a <c>div</c> stays in its
/// <c>p</c>, a link in its link. Anything the writer would not produce is an error.
/// </summary>
internal sealed class WrittenHtmlReader
{
    private static readonly string HtmlNs = NamespaceNames.HtmlUri;
    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal) { "style", "script", "xmp", "iframe", "noembed", "noframes" };
    private static readonly HashSet<string> LeadingNewline = new(StringComparer.Ordinal) { "pre", "textarea", "listing" };
    private static readonly HashSet<string> MathTextPoints = new(StringComparer.Ordinal) { "mi", "mo", "mn", "ms", "mtext", "annotation-xml" };

    private readonly IDocument _document;
    private readonly string _html;
    private int _pos;

    private WrittenHtmlReader(IDocument document, string html)
    {
        _document = document;
        _html = html;
    }

    /// <summary>The nodes of <paramref name="html"/>, for insertion into <paramref name="parent"/>.</summary>
    /// <exception cref="FormatException">The HTML is not what the server's writer produces.</exception>
    public static List<INode> Read(INode parent, string html)
    {
        var reader = new WrittenHtmlReader(parent.Owner ?? (IDocument)parent, html);
        var nodes = new List<INode>();
        reader.Children(nodes.Add, parent is IElement element ? ChildNamespace(element) : HtmlNs, end: null);
        return nodes;
    }

    /// <summary>Replaces the children of <paramref name="root"/> by the nodes of <paramref name="html"/>.</summary>
    public static void ReplaceChildren(IElement root, string html)
    {
        var nodes = Read(root, html);
        while (root.FirstChild is { } child)
        {
            root.RemoveChild(child);
        }
        foreach (var node in nodes)
        {
            root.AppendChild(node);
        }
    }

    private void Children(Action<INode> add, string ns, string? end)
    {
        while (_pos < _html.Length)
        {
            if (string.CompareOrdinal(_html, _pos, "</", 0, 2) == 0)
            {
                var close = _html.IndexOf('>', _pos);
                var name = close < 0 ? string.Empty : _html[(_pos + 2)..close];
                if (end is null || name != end)
                {
                    throw new FormatException($"Unexpected </{name}> at {_pos}.");
                }
                _pos = close + 1;
                return;
            }
            if (_html[_pos] == '<')
            {
                add(Element(ns));
            }
            else
            {
                var next = _html.IndexOf('<', _pos);
                next = next < 0 ? _html.Length : next;
                add(_document.CreateTextNode(Decode(_html[_pos..next])));
                _pos = next;
            }
        }
        if (end is not null)
        {
            throw new FormatException($"<{end}> is not closed.");
        }
    }

    private IElement Element(string parentNs)
    {
        _pos++;
        var nameEnd = _html.IndexOfAny([' ', '>'], _pos);
        if (nameEnd <= _pos)
        {
            throw new FormatException($"A tag without a name at {_pos}.");
        }
        var tag = _html[_pos..nameEnd];
        _pos = nameEnd;
        var ns = tag == "svg" ? NamespaceNames.SvgUri : tag == "math" ? NamespaceNames.MathMlUri : parentNs;
        var element = ns == HtmlNs ? _document.CreateElement(tag) : _document.CreateElement(ns, tag);
        while (_pos < _html.Length && _html[_pos] == ' ')
        {
            var equals = _html.IndexOf("=\"", _pos, StringComparison.Ordinal);
            var close = equals < 0 ? -1 : _html.IndexOf('"', equals + 2);
            if (close < 0)
            {
                throw new FormatException($"An attribute of <{tag}> is not name=\"value\".");
            }
            SetAttribute(element, _html[(_pos + 1)..equals], Decode(_html[(equals + 2)..close]));
            _pos = close + 1;
        }
        if (_pos >= _html.Length || _html[_pos] != '>')
        {
            throw new FormatException($"<{tag}> does not end with '>'.");
        }
        _pos++;
        if (HtmlSyntax.IsVoidElement(tag))
        {
            return element;
        }
        if (LeadingNewline.Contains(tag) && _pos < _html.Length && _html[_pos] == '\n')
        {
            _pos++;
        }
        if (RawText.Contains(tag))
        {
            var close = _html.IndexOf("</" + tag + ">", _pos, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"<{tag}> is not closed.");
            }
            if (close > _pos)
            {
                element.AppendChild(_document.CreateTextNode(_html[_pos..close]));
            }
            _pos = close + tag.Length + 3;
            return element;
        }
        Children(node => element.AppendChild(node), ChildNamespace(element), tag);
        return element;
    }

    private static string ChildNamespace(IElement element)
    {
        var ns = element.NamespaceUri ?? HtmlNs;
        if (ns == NamespaceNames.SvgUri && element.LocalName is "foreignObject" or "desc" or "title")
        {
            return HtmlNs;
        }
        return ns == NamespaceNames.MathMlUri && MathTextPoints.Contains(element.LocalName) ? HtmlNs : ns;
    }

    private static void SetAttribute(IElement element, string name, string value)
    {
        if (element.NamespaceUri != HtmlNs)
        {
            var ns = name.StartsWith("xlink:", StringComparison.Ordinal) ? NamespaceNames.XLinkUri
                : name.StartsWith("xml:", StringComparison.Ordinal) ? NamespaceNames.XmlUri
                : name == "xmlns" || name.StartsWith("xmlns:", StringComparison.Ordinal) ? NamespaceNames.XmlNsUri
                : null;
            if (ns is not null)
            {
                element.SetAttribute(ns, name, value);
                return;
            }
        }
        element.SetAttribute(name, value);
    }

    private static string Decode(string text)
    {
        if (!text.Contains('&', StringComparison.Ordinal))
        {
            return text;
        }
        var builder = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var amp = text.IndexOf('&', i);
            if (amp < 0)
            {
                builder.Append(text, i, text.Length - i);
                break;
            }
            builder.Append(text, i, amp - i);
            var semicolon = text.IndexOf(';', amp);
            var entity = semicolon < 0 ? text[amp..] : text[amp..(semicolon + 1)];
            builder.Append(entity switch
            {
                "&amp;" => "&",
                "&lt;" => "<",
                "&gt;" => ">",
                "&quot;" => "\"",
                "&nbsp;" => "\u00A0",
                _ => throw new FormatException($"{entity} is not one of the writer's entities."),
            });
            i = amp + entity.Length;
        }
        return builder.ToString();
    }
}

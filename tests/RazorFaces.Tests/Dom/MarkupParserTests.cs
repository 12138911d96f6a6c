using RazorFaces.Dom;

namespace RazorFaces.Tests.Dom;

public class MarkupParserTests
{
    [Fact]
    public void TableRowParsesInTbodyContext()
    {
        var nodes = MarkupParser.Parse("<tr><td>1</td><td>2</td></tr>", "tbody");

        var row = Assert.IsType<DomElement>(Assert.Single(nodes));
        Assert.Equal("tr", row.Tag);
        Assert.Equal(2, row.Children.Count);
    }

    [Fact]
    public void TableRowInDivContextLosesItsTags()
    {
        // The reason the context matters: a browser drops <tr>/<td> outside a table, and so do we.
        var nodes = MarkupParser.Parse("<tr><td>1</td></tr>", "div");

        Assert.Equal("\"1\"", Assert.Single(nodes).ToString());
    }

    [Fact]
    public void TextsAroundACommentAreMergedAndTheCommentDropped()
    {
        var nodes = MarkupParser.Parse("a<!-- note -->b<i>c</i><!---->", "div");

        Assert.Equal(["\"ab\"", "<i>c</i>"], nodes.Select(n => n.ToString()));
    }

    [Fact]
    public void EntitiesAreDecoded()
    {
        var nodes = MarkupParser.Parse("<a title=\"&quot;x&quot; &amp; y\">&lt;b&gt; &copy; &#x263A;</a>", "div");

        var link = Assert.IsType<DomElement>(Assert.Single(nodes));
        Assert.Equal("\"x\" & y", link.GetAttribute("title"));
        Assert.Equal("<b> © ☺", Assert.IsType<DomText>(Assert.Single(link.Children)).Text);
    }

    [Fact]
    public void NamesAreLowerCaseAndSharedBetweenParses()
    {
        var element = Assert.IsType<DomElement>(Assert.Single(MarkupParser.Parse("<DIV CLASS=\"x\" Data-Id=1></DIV>")));
        var again = Assert.IsType<DomElement>(Assert.Single(MarkupParser.Parse("<div DATA-ID=2></div>")));

        Assert.Equal("div", element.Tag);
        Assert.Equal(["class", "data-id"], element.Attributes.Select(a => a.Name));
        Assert.Same(element.Attributes[1].Name, again.Attributes[0].Name);
        Assert.Same(element.Tag, again.Tag);
    }

    [Fact]
    public void EmptyMarkupGivesNoNodes()
    {
        Assert.Empty(MarkupParser.Parse(""));
    }

    [Fact]
    public void WrittenHtmlParsesBackToTheSameTree()
    {
        const string html = "<ul><li class=\"a\">x &amp; y</li><li><input value=\"&quot;\" disabled=\"\"></li></ul>text";

        var root = MarkupParser.ParseElementContent("div", html);

        Assert.Equal(html, DomHtmlWriter.WriteChildren(root));
    }

    [Fact]
    public void SvgKeepsItsCaseSensitiveNames()
    {
        var svg = Assert.IsType<DomElement>(Assert.Single(MarkupParser.Parse("<svg viewBox=\"0 0 1 1\"><foreignObject></foreignObject></svg>")));

        Assert.Equal("viewBox", svg.Attributes[0].Name);
        Assert.Equal("foreignObject", ((DomElement)svg.Children[0]).Tag);
    }
}

using RazorFaces.Dom;
using static RazorFaces.Tests.Dom.Build;

namespace RazorFaces.Tests.Dom;

public class DomHtmlWriterTests
{
    [Fact]
    public void TextIsEscapedLikeTheBrowserSerializesIt()
    {
        Assert.Equal("&lt;script&gt;alert(\"x\" &amp; 'y')&lt;/script&gt;&nbsp;é", DomHtmlWriter.Write(T("<script>alert(\"x\" & 'y')</script>\u00A0é")));
    }

    [Fact]
    public void AttributeValuesAreEscapedInsideDoubleQuotes()
    {
        var element = Attrs("a", [("title", "\"q\" & 'a' <b>")]);

        Assert.Equal("<a title=\"&quot;q&quot; &amp; 'a' &lt;b&gt;\"></a>", DomHtmlWriter.Write(element));
    }

    [Fact]
    public void EmptyAttributeIsWrittenWithEmptyQuotes()
    {
        Assert.Equal("<button disabled=\"\"></button>", DomHtmlWriter.Write(Attrs("button", [("disabled", "")])));
    }

    [Fact]
    public void VoidElementsHaveNoEndTag()
    {
        Assert.Equal("<p>a<br>b<img src=\"x.png\"><input type=\"text\"></p>",
            DomHtmlWriter.Write(El("p", T("a"), El("br"), T("b"), Attrs("img", [("src", "x.png")]), Attrs("input", [("type", "text")]))));
    }

    [Fact]
    public void TextareaValueIsWrittenAsEscapedContent()
    {
        Assert.Equal("<textarea rows=\"2\">a &lt;b&gt;</textarea>", DomHtmlWriter.Write(Attrs("textarea", [("rows", "2"), ("value", "a <b>")])));
    }

    [Fact]
    public void SelectValueMarksTheMatchingOptionSelected()
    {
        var select = Attrs("select", [("value", "2")],
            Attrs("option", [("value", "1")], T("One")),
            Attrs("option", [("value", "2")], T("Two")),
            El("option", T("3")));

        Assert.Equal("<select><option value=\"1\">One</option><option value=\"2\" selected=\"\">Two</option><option>3</option></select>",
            DomHtmlWriter.Write(select));
    }

    [Fact]
    public void SelectValueMatchesAnOptionByItsTextWhenItHasNoValue()
    {
        var select = Attrs("select", [("value", "3")], El("option", T("3")));

        Assert.Equal("<select><option selected=\"\">3</option></select>", DomHtmlWriter.Write(select));
    }

    // Regression: only options that were children of the select itself were marked.
    [Fact]
    public void SelectValueMarksTheMatchingOptionInsideAnOptgroup()
    {
        var select = Attrs("select", [("value", "2")],
            Attrs("optgroup", [("label", "a")], Attrs("option", [("value", "1"), ("selected", "")], T("One"))),
            Attrs("optgroup", [("label", "b")], Attrs("option", [("value", "2")], T("Two"))));

        Assert.Equal("<select><optgroup label=\"a\"><option value=\"1\">One</option></optgroup>" +
            "<optgroup label=\"b\"><option value=\"2\" selected=\"\">Two</option></optgroup></select>",
            DomHtmlWriter.Write(select));
    }

    [Fact]
    public void ALeadingNewlineOfPreAndTextareaIsDoubledBecauseTheParserDropsOne()
    {
        Assert.Equal("<pre>\n\nx</pre>", DomHtmlWriter.Write(El("pre", T("\nx"))));
        Assert.Equal("<textarea>\n\nv</textarea>", DomHtmlWriter.Write(Attrs("textarea", [("value", "\nv")])));
        Assert.Equal("<pre>x\n</pre>", DomHtmlWriter.Write(El("pre", T("x\n"))));
    }

    [Fact]
    public void StyleContentIsWrittenRawBecauseTheBrowserDoesNotDecodeIt()
    {
        Assert.Equal("<style>a > b { content: \"&\" }</style>", DomHtmlWriter.Write(El("style", T("a > b { content: \"&\" }"))));
    }

    [Fact]
    public void StyleContentThatWouldCloseTheElementIsEscaped()
    {
        Assert.Equal("<style>&lt;/STYLE&gt;&lt;script&gt;</style>", DomHtmlWriter.Write(El("style", T("</STYLE><script>"))));
    }

    [Fact]
    public void WriteChildrenGivesTheInnerHtml()
    {
        Assert.Equal("a<b>c</b>", DomHtmlWriter.WriteChildren(Root(T("a"), El("b", T("c")))));
    }
}

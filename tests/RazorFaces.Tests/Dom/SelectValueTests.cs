using RazorFaces.Dom;
using static RazorFaces.Tests.Dom.Build;

namespace RazorFaces.Tests.Dom;

public class SelectValueTests
{
    private static DomElement Option(string value, bool selected = false) =>
        Attrs("option", selected ? [("value", value), ("selected", "")] : [("value", value)], T(value));

    // Regression: only options that were children of the select itself were marked, so a bound option in an
    // <optgroup> was never selected.
    [Fact]
    public void TheBoundOptionInsideAnOptgroupIsMarkedSelected()
    {
        var select = Attrs("select", [("value", "b")],
            Attrs("optgroup", [("label", "1")], Option("a")),
            Attrs("optgroup", [("label", "2")], Option("b")));

        Assert.Equal("<select value=\"b\"><optgroup label=\"1\"><option value=\"a\">a</option></optgroup>" +
            "<optgroup label=\"2\"><option value=\"b\" selected=\"\">b</option></optgroup></select>",
            Written(SelectValue.Mark(select)));
    }

    [Fact]
    public void OnlyTheFirstMatchingOptionKeepsSelected()
    {
        var select = Attrs("select", [("value", "b")], Option("a", selected: true), Option("b"), Option("b"));

        var marked = SelectValue.Mark(select);

        Assert.Equal([null, "", null], marked.Children.Cast<DomElement>().Select(o => o.GetAttribute("selected")));
    }

    [Fact]
    public void AnOptionWithoutAValueMatchesByItsTrimmedText()
    {
        var select = Attrs("select", [("value", "New York")], El("option", T("  New \n York ")));

        Assert.Equal("", ((DomElement)SelectValue.Mark(select).Children[0]).GetAttribute("selected"));
    }

    [Fact]
    public void ASelectMarkedAlreadyIsReturnedAsItIs()
    {
        var select = Attrs("select", [("value", "a")], Attrs("optgroup", [], Option("a", selected: true)), Option("b"));

        Assert.Same(select, SelectValue.Mark(select));
    }

    [Fact]
    public void ASelectWithoutValueOrWithMultipleIsLeftAlone()
    {
        var unbound = El("select", Option("a", selected: true));
        var multiple = Attrs("select", [("multiple", ""), ("value", "b")], Option("a", selected: true), Option("b"));

        Assert.Same(unbound, SelectValue.Mark(unbound));
        Assert.Same(multiple, SelectValue.Mark(multiple));
    }

    [Fact]
    public void OptionsOfANestedDatalistAreNotTheSelects()
    {
        var select = Attrs("select", [("value", "a")], El("div", El("datalist", Option("a"))), Option("a"));

        var marked = SelectValue.Mark(select);

        Assert.Equal("<select value=\"a\"><div><datalist><option value=\"a\">a</option></datalist></div>" +
            "<option value=\"a\" selected=\"\">a</option></select>", Written(marked));
    }

    // The element as it is, select value included (DomHtmlWriter would turn it into the mark).
    private static string Written(DomElement element) =>
        "<" + element.Tag + string.Concat(element.Attributes.Select(a => $" {a.Name}=\"{a.Value}\"")) + ">" +
        string.Concat(element.Children.Select(c => c is DomElement e ? Written(e) : DomHtmlWriter.Write(c))) + "</" + element.Tag + ">";
}

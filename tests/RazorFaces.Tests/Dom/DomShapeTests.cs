using System.Text;
using RazorFaces.Dom;
using RazorFaces.Tests.Protocol;
using static RazorFaces.Tests.Dom.Build;

namespace RazorFaces.Tests.Dom;

public class DomShapeTests
{
    private const string FileName = "dom-shapes.json";

    // The client computes the shape of what it built from each case's HTML; both sides must agree on every digest.
    private static readonly (string Name, DomElement Root)[] Cases =
    [
        ("counter", Root(El("h1", T("Counter")), El("p", T("Count: "), El("span", T("0"))))),
        ("div-in-paragraph", Root(El("p", T("In: "), El("div", T("a block")), El("span", T("0"))))),
        ("div-in-table", Root(El("table", El("tbody", El("tr", El("td", T("a")))), El("div", T("0"))))),
        ("link-in-link", Root(Attrs("a", [("href", "#o")], T("o "), Attrs("a", [("href", "#i")], T("i")), El("span", T("0"))))),
        ("form-in-form", Root(El("form", El("form", El("span", T("0")))))),
        ("bound-select-in-optgroups", Root(Attrs("select", [("value", "b")],
            Attrs("optgroup", [("label", "1")], Attrs("option", [("value", "a")], T("A"))),
            Attrs("optgroup", [("label", "2")], Attrs("option", [("value", "b")], T("B")))))),
        ("form-values", Root(El("pre", T("\nx")), Attrs("textarea", [("value", "\nv")]), Attrs("textarea", [("value", "")]),
            Attrs("input", [("value", "1")]), El("br"))),
        ("svg", Root(Attrs("svg", [("viewBox", "0 0 1 1")], El("clipPath"), El("foreignObject", El("p", T("x")))))),
        ("escaping", Root(Attrs("p", [("title", "\"q\" & <b>")], T("1 < 2 && 3 > 2\u00A0é")), El("style", T("a > b {}")))),
    ];

    [Fact]
    public void TheShapesFixtureHoldsTheServersDigests()
    {
        var json = Render();
        if (FixtureFiles.Updating)
        {
            FixtureFiles.Write(FileName, json);
        }

        FixtureFiles.AssertJsonEqual(System.Text.Json.Nodes.JsonNode.Parse(json), FixtureFiles.Read(FileName), FileName);
    }

    [Fact]
    public void TextsAndAttributesDoNotChangeTheShape()
    {
        Assert.Equal(
            DomShape.Of(Root(El("p", T("a"), El("b", T("c"))))),
            DomShape.Of(Root(Attrs("p", [("class", "x")], T("other"), Attrs("b", [("id", "y")], T("text"))))));
    }

    [Fact]
    public void ANodeInAnotherPlaceChangesTheShape()
    {
        var served = DomShape.Of(Root(El("p", T("In: "), El("div", T("x")), El("span", T("1")))));
        var parsed = DomShape.Of(Root(El("p", T("In: ")), El("div", T("x")), El("span", T("1")), El("p")));

        Assert.NotEqual(served, parsed);
        Assert.NotEqual(DomShape.Of(Root(El("p", T("a")))), DomShape.Of(Root(El("div", T("a")))));
        Assert.NotEqual(DomShape.Of(Root(El("p", T("a")))), DomShape.Of(Root(El("p", El("a")))));
    }

    [Fact]
    public void ATextareaIsShapedByTheValueTheWriterWritesAsItsText()
    {
        Assert.Equal(DomShape.Of(Root(El("textarea", T("v")))), DomShape.Of(Root(Attrs("textarea", [("value", "v")]))));
        Assert.Equal(DomShape.Of(Root(El("textarea"))), DomShape.Of(Root(Attrs("textarea", [("value", "")]))));
    }

    [Fact]
    public void TagsCountInLowerCaseAsTheBrowserNamesThem()
    {
        Assert.Equal(DomShape.Of(Root(El("clippath"))), DomShape.Of(Root(El("clipPath"))));
    }

    private static string Render()
    {
        var text = new StringBuilder("{\n  \"cases\": [\n");
        for (var i = 0; i < Cases.Length; i++)
        {
            var (name, root) = Cases[i];
            text.Append("    {\"name\": ").Append(FixtureFiles.Quote(name))
                .Append(", \"html\": ").Append(FixtureFiles.Quote(DomHtmlWriter.WriteChildren(root)))
                .Append(", \"shape\": ").Append(FixtureFiles.Quote(DomShape.Of(root))).Append('}')
                .Append(i < Cases.Length - 1 ? ",\n" : "\n");
        }
        return text.Append("  ]\n}").ToString();
    }
}

using RazorFaces.Dom;
using static RazorFaces.Tests.Dom.Build;

namespace RazorFaces.Tests.Dom;

public class DomNormalizerTests
{
    [Fact]
    public void AdjacentTextsAreMergedAndEmptyTextsDropped()
    {
        DomNode[] children = [T("a"), T(""), T("b"), El("br"), T(""), T("c")];

        var normal = DomNormalizer.NormalizeChildren(children);

        Assert.Equal(["\"ab\"", "<br>", "\"c\""], normal.Select(n => n.ToString()));
    }

    [Fact]
    public void NormalListIsReturnedAsItIs()
    {
        DomNode[] children = [T("a"), El("br"), T("b")];

        Assert.Same(children, DomNormalizer.NormalizeChildren(children));
    }

    [Fact]
    public void ListOfOnlyEmptyTextsBecomesEmpty()
    {
        Assert.Empty(DomNormalizer.NormalizeChildren(new List<DomNode> { T(""), T("") }));
    }

    [Fact]
    public void SingleTextInARunIsKeptByReference()
    {
        var text = T("a");

        var normal = DomNormalizer.NormalizeChildren([El("br"), text, T(""), El("br")]);

        Assert.Same(text, normal[1]);
    }
}

using RazorFaces.Dom;
using RazorFaces.Hosting;
using RazorFaces.Transport;
using static RazorFaces.Tests.Dom.Build;

namespace RazorFaces.Tests.Hosting;

public sealed class HostPageTests
{
    // Regression: the page gave the client no way to tell that the browser's parser had built another tree from it.
    [Fact]
    public void TheViewRootCarriesTheShapeOfTheServersDom()
    {
        var root = Root(El("p", T("a"), El("div", T("b & c"))));

        var page = RazorFaces.Transport.HostPage.Write(new RazorFacesOptions(), "", "token", "view", 1, root);

        Assert.Contains(
            $"<div id=\"rf-root\" data-rf-view=\"view\" data-rf-n=\"1\" data-rf-shape=\"{DomShape.Of(root)}\"><p>a<div>b &amp; c</div></p></div>",
            page, StringComparison.Ordinal);
    }
}

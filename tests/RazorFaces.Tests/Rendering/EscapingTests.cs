using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Rendering;

public sealed class EscapingTests
{
    private const string Hostile = "<script>alert(\"x\")</script> & <b>'quoted'</b>";

    [Fact]
    public async Task MarkupInABoundStringIsRenderedAsText()
    {
        await using var ctx = new RazorFacesTestContext();

        var page = await ctx.RenderAsync<Escaping>(new Dictionary<string, object?> { ["Text"] = Hostile });

        Assert.Equal(Hostile, page.Find("#shown").TextContent);
        Assert.Empty(page.Find("#shown").Children);
        Assert.Equal(Hostile, page.Find("#titled").GetAttribute("title"));
        Assert.Equal(Hostile, page.Find("#text").GetAttribute("value"));
        Assert.Empty(page.FindAll("script, b"));
    }

    [Fact]
    public async Task MarkupTypedIntoAFieldStaysTextInTheUpdate()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Escaping>(new Dictionary<string, object?> { ["Text"] = "safe" });

        await page.InputAsync("#text", Hostile);

        Assert.Equal(Hostile, page.Find("#shown").TextContent);
        Assert.Equal(Hostile, page.Find("#titled").GetAttribute("title"));
        // New list items arrive as Insert patches whose HTML the client parses: still only text.
        Assert.Equal(Hostile.Split(' '), page.FindAll("li").Select(li => li.TextContent));
        Assert.Empty(page.FindAll("script, b"));
        Assert.Contains("<li>&lt;b&gt;'quoted'&lt;/b&gt;</li>", page.LastAnswer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkupStringContentIsParsedIntoNodes()
    {
        await using var ctx = new RazorFacesTestContext();

        var page = await ctx.RenderAsync<MarkupContent>();

        page.Find("#rich").MarkupMatches("""<div id="rich"><b>bold</b> and <i>italic</i></div>""");
        Assert.Equal("cell", page.Find("#rows > tr > td").TextContent);
    }

    [Fact]
    public async Task ChangedMarkupStringContentIsPatched()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<MarkupContent>();

        await page.ClickAsync("#change");

        page.Find("#rich").MarkupMatches("""<div id="rich"><em>changed</em> <a href="x">link</a></div>""");
        Assert.Equal("x", page.Find("#rich a").GetAttribute("href"));
    }
}

using RazorFaces.Dom;
using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Rendering;

public sealed class ParserRewriteTests
{
    // Regression: the browser's parser closed the <p> before the <div>, moved the <div> out of the <table>, split the
    // nested <a> and dropped the inner <form>; every patch below them missed, and each update became a resync.
    [Fact]
    public async Task UpdatesBelowMarkupTheParserWouldRewriteLandWhereTheServerModelsThem()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ParserRewrites>();
        Assert.Single(page.FindAll("p > div + span.count"));
        Assert.Single(page.FindAll("table > div > span.count"));
        Assert.Single(page.FindAll("a[href='#outer'] > a[href='#inner'] + span.count"));
        Assert.Single(page.FindAll("form > form > label > span.count"));

        await page.ClickAsync("#increment");
        await page.ClickAsync("#increment");

        Assert.Equal(["2", "2", "2", "2"], page.FindAll(".count").Select(c => c.TextContent));
        Assert.All(page.LastPatches, p => Assert.IsType<SetTextPatch>(p));
    }

    [Fact]
    public async Task HtmlThatTheBrowserWouldParseIntoAnotherTreeIsBuiltAsTheServerRenderedIt()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<BadNesting>();
        Assert.Equal("start", page.Find("p > div#inside").TextContent);

        await page.ClickAsync("#change");

        Assert.Equal("changed", page.Find("p > div#inside").TextContent);
    }
}

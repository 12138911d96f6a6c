using RazorFaces.Dom;
using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Rendering;

public sealed class TableTests
{
    // Regression: the server DOM had <table><tr>, the browser's <table><tbody><tr>, so every patch below missed.
    [Fact]
    public async Task RowsWrittenStraightIntoATableGetTheTbodyTheBrowserCreates()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<TableRows>();

        await page.ClickAsync("#add");
        await page.ClickAsync("#add");

        Assert.Equal(["row 1", "row 2", "row 3"], page.FindAll("#table > tbody > tr > td").Select(td => td.TextContent));
        Assert.Single(page.FindAll("#table > tbody"));
        Assert.IsType<InsertPatch>(Assert.Single(page.LastPatches));
    }
}

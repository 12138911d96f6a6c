using RazorFaces.Rendering;
using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Rendering;

public sealed class RenderBufferCompactorTests
{
    [Fact]
    public void TheBlazorVersionInUseHasTheFieldsCompactionNeeds() =>
        // If this fails after a Blazor upgrade, compaction is off and every live view holds its spare buffers again.
        Assert.True(RenderBufferCompactor.IsAvailable);

    [Fact]
    public async Task EveryComponentHoldsExactlyTheFramesOfItsLastRender()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<GrowingList>();
        await AssertNoSpareFramesAsync(page);

        await page.ClickAsync("#grow");
        await page.ClickAsync("#grow");

        await AssertNoSpareFramesAsync(page);
    }

    [Fact]
    public async Task AListThatGrowsPastTheBufferSizesAndShrinksAgainRendersAndDiffsAsBefore()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<GrowingList>();

        await page.ClickAsync("#grow");
        await page.ClickAsync("#grow");
        await page.ClickAsync("#grow");
        Assert.Equal(121, page.FindAll("#rows > li").Count);
        Assert.Equal("row 121", page.FindAll("#rows > li")[^1].TextContent);

        await page.ClickAsync("#shrink");
        Assert.Equal(["row 1"], page.FindAll("#rows > li").Select(li => li.TextContent));

        await page.ClickAsync("#grow");
        Assert.Equal(41, page.FindAll("#rows > li").Count);
        Assert.Equal("row 41", page.FindAll("#rows > li")[^1].TextContent);
    }

    [Fact]
    public async Task AChildGetsItsDirectParametersBackWhenOnlyItsCascadingValueChanges()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<SnapshotHost>();
        Assert.Equal("fixed text (1)", page.Find("#themed-text").TextContent);

        await page.ClickAsync("#toggle");
        await page.ClickAsync("#toggle");
        await page.ClickAsync("#toggle");

        // Each toggle reaches the child through its cascading value alone; its text comes from the compacted snapshot.
        Assert.Equal("fixed text (4)", page.Find("#themed-text").TextContent);
        Assert.Equal("dark", page.Find("#themed-text").ClassName);
        await AssertNoSpareFramesAsync(page);
    }

    private static async Task AssertNoSpareFramesAsync(RenderedView page)
    {
        var (held, used) = await page.View.FrameBufferBytesAsync();
        Assert.True(used > 0);
        Assert.Equal(used, held);
    }
}

using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Rendering;

/// <summary>A view's table of component paths and parents (how event targets find their component, and how a child's render reaches the page).</summary>
public sealed class ComponentPlaceTests
{
    [Fact]
    public async Task AChildThatRendersAloneUpdatesThePageAndItsButtonsStillWorkAfterASiblingWasRemoved()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ChildCounters>();

        await page.ClickAsync("#child-3 .bump");
        await page.ClickAsync("#drop-first");
        await page.ClickAsync("#child-3 .bump");
        await page.ClickAsync("#child-2 .bump");

        Assert.Null(page.FindAll("#child-1").FirstOrDefault());
        Assert.Equal("2", page.Find("#child-3 .n").TextContent);
        Assert.Equal("1", page.Find("#child-2 .n").TextContent);
    }
}

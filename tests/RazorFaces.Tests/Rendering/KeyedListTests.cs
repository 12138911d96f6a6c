using RazorFaces.Dom;
using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Rendering;

public sealed class KeyedListTests
{
    [Fact]
    public async Task MovingAKeyedItemSendsOneMovePatchAndKeepsTheElement()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<KeyedList>();
        var first = page.Find("#item-1");

        await page.ClickAsync("#rotate");

        Assert.Equal(["item-2", "item-3", "item-4", "item-1"], page.FindAll("#list > li").Select(li => li.Id));
        Assert.IsType<MovePatch>(Assert.Single(page.LastPatches));
        Assert.Same(first, page.Find("#item-1"));
    }

    [Fact]
    public async Task ButtonInsideAKeyedItemStillTargetsItsItemAfterTheListReorders()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<KeyedList>();
        var removeTwo = page.Find("#item-2 .remove");
        var target = removeTwo.GetAttribute("data-rf");

        await page.ClickAsync("#rotate");
        await page.ClickAsync("#rotate");

        Assert.Equal(target, removeTwo.GetAttribute("data-rf"));
        await page.ClickAsync(removeTwo);

        Assert.Equal(["item-3", "item-4", "item-1"], page.FindAll("#list > li").Select(li => li.Id));
        Assert.Equal("3", page.Find("#count").TextContent);
    }

    [Fact]
    public async Task RemovingAKeyedItemRemovesOnlyThatItem()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<KeyedList>();
        var third = page.Find("#item-3");

        await page.ClickAsync("#item-2 .remove");

        Assert.Contains(page.LastPatches, p => p is RemovePatch);
        Assert.DoesNotContain(page.LastPatches, p => p is InsertPatch or ReplacePatch);
        Assert.Same(third, page.Find("#item-3"));
    }
}

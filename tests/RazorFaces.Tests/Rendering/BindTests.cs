using RazorFaces.Dom;
using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Rendering;

public sealed class BindTests
{
    [Fact]
    public async Task BindOnInputUpdatesTheFieldOnEveryKeystroke()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<BindForm>();
        Assert.Equal("Ada", page.Find("#name").GetAttribute("value"));

        await page.InputAsync("#name", "Grace");

        Assert.Equal("Grace", page.Find("#echo").TextContent);
        // The browser already shows "Grace" in the input: the only patch is the echo.
        var patch = Assert.IsType<SetTextPatch>(Assert.Single(page.LastPatches));
        Assert.Equal("Grace", patch.Text);
    }

    [Fact]
    public async Task BindOnInputDoesNotListenToChange()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<BindForm>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => page.ChangeAsync("#name", "Grace"));

        Assert.Equal("input", page.Find("#name").GetAttribute("data-rf-on"));
    }

    [Fact]
    public async Task BindWithFormatRendersAndParsesTheDateInThatFormat()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<BindForm>();
        Assert.Equal("2024-01-15", page.Find("#date").GetAttribute("value"));
        Assert.Equal("Monday", page.Find("#day").TextContent);

        await page.ChangeAsync("#date", "2024-03-01");

        Assert.Equal("Friday", page.Find("#day").TextContent);
        Assert.Equal("2024-03-01", page.Find("#date").GetAttribute("value"));
    }

    [Fact]
    public async Task UnparsableDateIsSetBackToTheLastGoodValue()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<BindForm>();

        await page.ChangeAsync("#date", "not a date");

        Assert.Equal("2024-01-15", page.Find("#date").GetAttribute("value"));
        Assert.Equal("Monday", page.Find("#day").TextContent);
        var patch = Assert.IsType<SetAttributePatch>(Assert.Single(page.LastPatches));
        Assert.Equal(("value", "2024-01-15"), (patch.Name, patch.Value));
    }

    [Fact]
    public async Task CheckboxBindReceivesABooleanAndKeepsCheckedInStep()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<BindForm>();
        Assert.False(page.Find("#agree").HasAttribute("checked"));

        await page.ChangeAsync("#agree", true);

        Assert.Equal("yes", page.Find("#agreed").TextContent);
        Assert.True(page.Find("#agree").HasAttribute("checked"));

        await page.ChangeAsync("#agree", false);

        Assert.Equal("no", page.Find("#agreed").TextContent);
        Assert.False(page.Find("#agree").HasAttribute("checked"));
    }

    // Regression: only options that were children of the select itself were marked selected.
    [Fact]
    public async Task TheBoundOptionInsideAnOptgroupIsSelectedOnTheFirstRender()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<BoundSelect>();

        Assert.Equal(["orange"], page.FindAll("option[selected]").Select(o => o.GetAttribute("value")));
    }

    // Regression: the select's value was sent before its new option existed, and the option was inserted unmarked.
    [Fact]
    public async Task AnOptionAddedAndBoundInOneRenderArrivesSelected()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<BoundSelect>();

        await page.ClickAsync("#add");

        Assert.Equal("purple", page.Find("#chosen").TextContent);
        Assert.Equal(["purple"], page.FindAll("option[selected]").Select(o => o.GetAttribute("value")));
        var insert = Assert.Single(page.LastPatches.OfType<InsertPatch>());
        Assert.Equal("<option value=\"purple\" selected=\"\">purple</option>", DomHtmlWriter.Write(insert.Node));
    }

    [Fact]
    public async Task PickingAnotherOptionMovesTheSelectedMark()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<BoundSelect>();

        await page.ChangeAsync("#colour", "blue");

        Assert.Equal("blue", page.Find("#chosen").TextContent);
        Assert.Equal(["blue"], page.FindAll("option[selected]").Select(o => o.GetAttribute("value")));
    }
}

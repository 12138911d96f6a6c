using Microsoft.AspNetCore.Components;
using RazorFaces.Dom;
using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Rendering;

public sealed class ComponentParameterTests
{
    [Fact]
    public async Task RootComponentReceivesTheGivenParametersAndChildContent()
    {
        await using var ctx = new RazorFacesTestContext();
        RenderFragment content = builder => builder.AddMarkupContent(0, "<em>inside</em>");

        var page = await ctx.RenderAsync<Greeting>(new Dictionary<string, object?>
        {
            ["Name"] = "Ada",
            ["Kind"] = "warm",
            ["ChildContent"] = content,
        });

        page.MarkupMatches("""<p id="greeting" class="warm">Hello, Ada!</p><div id="content"><em>inside</em></div>""");
    }

    [Fact]
    public async Task RootComponentWithoutParametersUsesItsDefaults()
    {
        await using var ctx = new RazorFacesTestContext();

        var page = await ctx.RenderAsync<Greeting>();

        Assert.Equal("Hello, nobody!", page.Find("#greeting").TextContent);
    }

    [Fact]
    public async Task ChangedParameterRerendersOnlyTheChildThatReceivesIt()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ParameterHost>();

        await page.ClickAsync("#click");
        await page.ClickAsync("#click");

        Assert.Equal("clicks: 2", page.Find("#badge-clicks").TextContent);
        Assert.Equal("fixed: 7", page.Find("#badge-fixed").TextContent);
        // Adjacent texts are one node, as in the browser.
        var patch = Assert.IsType<SetTextPatch>(Assert.Single(page.LastPatches));
        Assert.Equal("clicks: 2", patch.Text);
    }

    [Fact]
    public async Task CascadingValuesReachADescendantAndFollowTheirChanges()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<CascadeHost>();
        page.Find("#themed").MarkupMatches("""<span id="themed" class="light">light / 1</span>""");

        await page.ClickAsync("#toggle");

        page.Find("#themed").MarkupMatches("""<span id="themed" class="dark">dark / 2</span>""");
    }
}

using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Rendering;

public sealed class RoutingTests
{
    [Fact]
    public async Task PageRouteRendersInsideTheDefaultLayout()
    {
        await using var ctx = new RazorFacesTestContext();

        var page = await ctx.RenderRouteAsync<TestApp>("/");

        page.MarkupMatches("""
            <div class="layout">
              <nav id="layout-nav">Test app</nav>
              <main><h1 id="title">Home</h1></main>
            </div>
            """);
    }

    [Fact]
    public async Task PageWithItsOwnLayoutDoesNotUseTheDefaultOne()
    {
        await using var ctx = new RazorFacesTestContext();

        var page = await ctx.RenderRouteAsync<TestApp>("/plain");

        page.MarkupMatches("""<section class="plain"><h1 id="title">Plain</h1></section>""");
        Assert.Empty(page.FindAll("#layout-nav"));
    }

    [Fact]
    public async Task RouteParameterWithIntConstraintReachesThePage()
    {
        await using var ctx = new RazorFacesTestContext();

        var page = await ctx.RenderRouteAsync<TestApp>("/items/42");

        Assert.Equal("Item 42", page.Find("#item").TextContent);
    }

    [Fact]
    public async Task RouteParameterThatFailsItsConstraintFindsNoPage()
    {
        await using var ctx = new RazorFacesTestContext();

        var page = await ctx.RenderRouteAsync<TestApp>("/items/abc");

        Assert.Equal("Nothing here.", page.Find("#not-found").TextContent);
        Assert.Empty(page.FindAll("#item"));
    }

    [Fact]
    public async Task StringRouteParameterIsDecodedFromTheAddress()
    {
        await using var ctx = new RazorFacesTestContext();

        var page = await ctx.RenderRouteAsync<TestApp>("/hello/J%C3%BCrgen");

        Assert.Equal("Hello, Jürgen!", page.Find("#greeting").TextContent);
    }

    [Fact]
    public async Task NavigateToInAppRerendersTheViewInPlaceAndTheUpdateCarriesTheUrl()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderRouteAsync<TestApp>("/items/1");

        await page.ClickAsync("#next");

        Assert.Equal("Item 2", page.Find("#item").TextContent);
        Assert.Equal("http://localhost/items/2", page.Url);
        Assert.Contains("\"url\":\"http://localhost/items/2\"", page.LastAnswer, StringComparison.Ordinal);
        // Same page type, new parameter: only the heading's text changes.
        Assert.IsType<RazorFaces.Dom.SetTextPatch>(Assert.Single(page.LastPatches));
        Assert.Null(page.Location);
    }

    [Fact]
    public async Task NavigateToAnotherPageSwapsThePageInsideTheLayout()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderRouteAsync<TestApp>("/items/1");
        var nav = page.Find("#layout-nav");

        await page.ClickAsync("#home");

        Assert.Equal("Home", page.Find("#title").TextContent);
        Assert.Equal("http://localhost/", page.Url);
        // The layout was patched, not rebuilt: the browser keeps its element.
        Assert.Same(nav, page.Find("#layout-nav"));
    }

    [Fact]
    public async Task NavigateToWithForceLoadSendsALocationAndLeavesTheViewAsItWas()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderRouteAsync<TestApp>("/items/3");

        await page.ClickAsync("#reload");

        Assert.Equal("http://localhost/items/3", page.Location);
        Assert.Contains("\"t\":\"location\"", page.LastAnswer, StringComparison.Ordinal);
        Assert.Equal(1, page.ViewNumber);
    }

    [Fact]
    public async Task NavigateToAnAddressOutsideTheAppSendsALocation()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderRouteAsync<TestApp>("/items/3");

        await page.ClickAsync("#away");

        Assert.Equal("https://example.org/elsewhere", page.Location);
        Assert.Equal("Item 3", page.Find("#item").TextContent);
    }

    [Fact]
    public async Task FollowingAnInAppLinkNavigatesTheView()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderRouteAsync<TestApp>("/");

        await page.NavigateAsync("/items/7");

        Assert.Equal("Item 7", page.Find("#item").TextContent);
        Assert.Equal("http://localhost/items/7", page.Url);
        Assert.Equal(2, page.ViewNumber);
    }

    [Fact]
    public async Task NavigatingToAnAddressOutsideTheAppIsRefused()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderRouteAsync<TestApp>("/");

        var error = await Assert.ThrowsAsync<ViewErrorException>(() => page.NavigateAsync("https://example.org/"));

        Assert.Equal(RazorFaces.Protocol.ErrorCodes.BadMessage, error.Code);
    }
}

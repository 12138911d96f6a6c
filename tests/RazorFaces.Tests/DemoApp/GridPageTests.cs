using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using Demo.App.Grid;
using Demo.App.Pages;
using RazorFaces.Dom;
using RazorFaces.Testing;
using RazorFaces.Tests.Rendering;

namespace RazorFaces.Tests.DemoApp;

/// <summary>The demo's /grid page: QuickGrid over the generated shipments, sorted by its headers, paged, virtualized.</summary>
public class GridPageTests
{
    [Fact]
    public void TheRowsAreTheSameOnEveryNodeAndEveryRequest()
    {
        Assert.Equal(Shipments.Count, Shipments.All.Count);
        Assert.Equal(Enumerable.Range(1, Shipments.Count), Shipments.All.Select(s => s.Id));
        // Not one name and city repeated down the page: the generator spreads neighbours.
        Assert.True(Shipments.All.Take(20).Select(s => s.Customer).Distinct().Count() > 10);
        Assert.True(Shipments.All.Select(s => s.Shipped).Distinct().Count() > 300);
    }

    [Fact]
    public async Task ThePagedGridShowsTheFirstTwentyRowsByIdAndThePaginatorCountsThePages()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Grid>();

        Assert.Equal(Enumerable.Range(1, 20), Ids(page));
        Assert.Contains("Page 1 of 150", Regex.Replace(page.Find(".paginator").TextContent, @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNextPageButtonShowsTheNextTwentyRows()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Grid>();

        await page.ClickAsync(".paginator .go-next");

        Assert.Equal(Enumerable.Range(21, 20), Ids(page));
    }

    [Fact]
    public async Task ClickingTheSortedColumnsHeaderReversesTheOrder()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Grid>();

        await page.ClickAsync("#paged-grid th:nth-child(1) button.col-title");

        Assert.Equal(Enumerable.Range(2981, 20).Reverse(), Ids(page));
        Assert.Equal("descending", page.Find("#paged-grid th:nth-child(1)").GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task ClickingAnotherHeaderSortsByThatColumnAscending()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Grid>();

        await page.ClickAsync("#paged-grid th:nth-child(5) button.col-title");

        var cheapest = Shipments.All.OrderBy(s => s.Price).Take(20).Select(s => s.Price.ToString("0.00", CultureInfo.InvariantCulture));
        Assert.Equal(cheapest, page.FindAll("#paged-grid tbody tr").Select(r => r.Children[4].TextContent.Trim()));
    }

    [Fact]
    public async Task TheCustomerColumnsOptionsFilterTheRows()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Grid>();

        await page.ClickAsync("#paged-grid th:nth-child(2) .col-options-button");
        await page.InputAsync("#customer-filter", "lamarr");

        var customers = page.FindAll("#paged-grid tbody tr").Select(r => r.Children[1].TextContent.Trim()).ToList();
        Assert.NotEmpty(customers);
        Assert.All(customers, c => Assert.EndsWith("Lamarr", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuickGridsModuleIsGivenItsTableAndVirtualizeItsSpacersThoughTheyRenderedTwiceInOneBatch()
    {
        // Regression: QuickGrid renders again in the batch of its first render (its data came in at once), and its
        // elements reached JavaScript as unknown references (null in the browser).
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Grid>();

        var virtualize = await page.JSCallAsync("Blazor._internal.Virtualize.init");
        var body = page.Find("#virtual-grid tbody");
        Assert.Equal(Reference(body.FirstElementChild!), virtualize.Arguments[1].GetProperty("__internalId").GetString());
        Assert.Equal(Reference(body.LastElementChild!), virtualize.Arguments[2].GetProperty("__internalId").GetString());
        var import = await page.JSCallAsync("import");
        Assert.Equal("./_content/Microsoft.AspNetCore.Components.QuickGrid/QuickGrid.razor.js", import.Arguments[0].GetString());
        await page.AnswerJSAsync(import, """{"__jsObjectId":1}""");
        var init = await page.JSCallAsync("init");
        var tables = page.FindAll("table").Select(Reference).ToList();
        Assert.Contains(init.Arguments[0].GetProperty("__internalId").GetString(), tables);
    }

    [Fact]
    public async Task TheBrowsersParserKeepsTheFirstPagesTreeSoTheGridNeedsNoRefreshAtLoad()
    {
        // Regression: Virtualize's div spacers in QuickGrid's tbody were moved out of the table by the HTML parser, so
        // the page's shape differed from the server's DOM and every load of /grid asked for a refresh.
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Grid>();
        var (_, dom, _) = page.View.Snapshot();

        var parsed = MarkupParser.ParseElementContent("div", DomHtmlWriter.WriteChildren(dom));

        Assert.Equal(DomShape.Of(dom), DomShape.Of(parsed));
        var body = page.Find("#virtual-grid tbody");
        Assert.Equal(["tr", "tr"], new[] { body.FirstElementChild!.LocalName, body.LastElementChild!.LocalName });
        Assert.Contains("height:", body.FirstElementChild!.GetAttribute("style"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheVirtualizedGridRendersTheRowsTheBrowserReportsInView()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Grid>();
        var init = await page.JSCallAsync("Blazor._internal.Virtualize.init");
        await page.AnswerJSAsync(init);
        var helper = init.Arguments[0].GetProperty("__dotNetObject").GetInt64();

        // The browser's view of a 320 px container (32 px rows): at the top, then scrolled to row 1000. QuickGrid
        // loads a virtualized window after a short debounce, so the rows come a moment after each report.
        await page.InvokeDotNetAsync(helper, "OnSpacerAfterVisible", VirtualizeComponentTests.Args(Shipments.Count * 32 - 320, 0, 320));
        await page.WaitForAsync(p => VirtualIds(p).Contains("1"));
        await page.InvokeDotNetAsync(helper, "OnSpacerBeforeVisible", VirtualizeComponentTests.Args(999 * 32, VirtualRows(page) * 32, 320));
        await page.WaitForAsync(p => VirtualIds(p).Contains("1000"));

        var ids = VirtualIds(page);
        Assert.DoesNotContain("1", ids);
        Assert.True(ids.Count < 40, $"{ids.Count} rows rendered");
    }

    [Fact]
    public void ThePagedGridsSortPageAndFilterSurviveARebuildOnAnotherNode()
    {
        using var ctx = new BunitContext();
        ctx.AddRazorFaces();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var cut = ctx.Render<Grid>();
        // Each step waits for the grid to show the last one: QuickGrid loads its rows after a click's handler returned.
        cut.Find("#paged-grid th:nth-child(5) button.col-title").Click();
        cut.WaitForAssertion(() => Assert.Equal("ascending", cut.Find("#paged-grid th:nth-child(5)").GetAttribute("aria-sort")), TimeSpan.FromSeconds(10));
        cut.Find("#paged-grid th:nth-child(5) button.col-title").Click();
        cut.WaitForAssertion(() => Assert.Equal("descending", cut.Find("#paged-grid th:nth-child(5)").GetAttribute("aria-sort")), TimeSpan.FromSeconds(10));
        cut.Find(".paginator .go-next").Click();
        var byPriceDescending = Shipments.All.OrderByDescending(s => s.Price).Skip(20).Take(20).Select(s => s.Id).ToList();
        cut.WaitForAssertion(() => Assert.Equal(byPriceDescending, BunitIds(cut)), TimeSpan.FromSeconds(10));

        var rebuilt = cut.RebuildOnAnotherNode();

        // The page came back with the PaginationState; the sort, given back through QuickGrid's public API after the
        // first render, made the grid load again.
        rebuilt.WaitForAssertion(() => Assert.Equal(byPriceDescending, BunitIds(rebuilt)), TimeSpan.FromSeconds(10));
        Assert.Equal("descending", rebuilt.Find("#paged-grid th:nth-child(5)").GetAttribute("aria-sort"));
        Assert.Contains("Page 2 of 150", Regex.Replace(rebuilt.Find(".paginator").TextContent, @"\s+", " "), StringComparison.Ordinal);

        // And it goes on from there, the sort the user chose still noted for the next rebuild.
        rebuilt.Find(".paginator .go-next").Click();
        var third = Shipments.All.OrderByDescending(s => s.Price).Skip(40).Take(20).Select(s => s.Id).ToList();
        rebuilt.WaitForAssertion(() => Assert.Equal(third, BunitIds(rebuilt)), TimeSpan.FromSeconds(10));
        var again = rebuilt.RebuildOnAnotherNode();
        again.WaitForAssertion(() => Assert.Equal(third, BunitIds(again)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void TheCustomerFilterSurvivesARebuildOnAnotherNode()
    {
        using var ctx = new BunitContext();
        ctx.AddRazorFaces();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var cut = ctx.Render<Grid>();
        cut.Find("#paged-grid th:nth-child(2) .col-options-button").Click();
        cut.Find("#customer-filter").Input("lamarr");
        var lamarrs = Shipments.All.Where(s => s.Customer.EndsWith("Lamarr", StringComparison.Ordinal)).Take(20).Select(s => s.Id).ToList();
        cut.WaitForAssertion(() => Assert.Equal(lamarrs, BunitIds(cut)), TimeSpan.FromSeconds(10));

        var rebuilt = cut.RebuildOnAnotherNode();

        rebuilt.WaitForAssertion(() => Assert.Equal(lamarrs, BunitIds(rebuilt)), TimeSpan.FromSeconds(10));
    }

    private static List<int> BunitIds(IRenderedComponent<Grid> cut) =>
        [.. cut.FindAll("#paged-grid tbody tr").Select(r => r.Children[0].TextContent.Trim()).Where(t => t.Length > 0)
            .Select(t => int.Parse(t, CultureInfo.InvariantCulture))];

    private static List<int> Ids(RenderedView page) =>
        [.. page.FindAll("#paged-grid tbody tr").Select(r => int.Parse(r.Children[0].TextContent.Trim(), CultureInfo.InvariantCulture))];

    private static List<string> VirtualIds(RenderedView page) =>
        [.. page.FindAll("#virtual-grid tbody tr").Select(r => r.Children.Length > 0 ? r.Children[0].TextContent.Trim() : "").Where(t => t.Length > 0)];

    private static string? Reference(AngleSharp.Dom.IElement element) => element.GetAttribute(RazorFaces.Protocol.ProtocolConstants.TargetAttribute);

    // The rows between the spacers (which are rows too: empty ones, aria-hidden).
    private static int VirtualRows(RenderedView page) => page.FindAll("#virtual-grid tbody tr:not([aria-hidden])").Count;
}

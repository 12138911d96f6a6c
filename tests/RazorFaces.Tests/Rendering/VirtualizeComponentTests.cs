using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using RazorFaces.Dom;
using RazorFaces.Protocol;
using RazorFaces.Testing;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support.TestPages;

namespace RazorFaces.Tests.Rendering;

/// <summary>
/// Blazor's Virtualize in a view: the harness plays the browser's part (Framework.Client/src/virtualize.ts), telling
/// the component how far a spacer reaches past the visible area, as Blazor's documented callbacks do.
/// </summary>
public class VirtualizeComponentTests
{
    private const string Init = "Blazor._internal.Virtualize.init";
    private const int RowHeight = 20;
    private const int ContainerHeight = 200;

    [Fact]
    public async Task AfterItsFirstRenderItAsksTheBrowserToWatchItsTwoSpacersThroughAHelper()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<VirtualizePage>();

        var init = await page.JSCallAsync(Init);

        Assert.True(init.Arguments[0].GetProperty("__dotNetObject").GetInt64() > 0);
        var list = page.Find("#list");
        Assert.Equal(list.FirstElementChild!.GetAttribute(ProtocolConstants.TargetAttribute), init.Arguments[1].GetProperty("__internalId").GetString());
        Assert.Equal(list.LastElementChild!.GetAttribute(ProtocolConstants.TargetAttribute), init.Arguments[2].GetProperty("__internalId").GetString());
    }

    [Fact]
    public async Task InATableBodyItsSpacersAreRowsSoTheBrowsersParserKeepsThemThere()
    {
        // Regression: div spacers in a tbody were moved in front of the table by the HTML parser, so the first page
        // never matched the server's DOM and was refreshed at load.
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<VirtualizeTablePage>();
        var (_, dom, _) = page.View.Snapshot();

        var parsed = MarkupParser.ParseElementContent("div", DomHtmlWriter.WriteChildren(dom));

        Assert.Equal(DomShape.Of(dom), DomShape.Of(parsed));
        var body = page.Find("#table-list tbody");
        Assert.Equal("tr", body.FirstElementChild!.LocalName);
        Assert.Equal("tr", body.LastElementChild!.LocalName);
        Assert.Equal("true", body.FirstElementChild!.GetAttribute("aria-hidden"));

        // Still the spacers Virtualize hands the browser, and patched as the list scrolls.
        var init = await page.JSCallAsync(Init);
        Assert.Equal(body.FirstElementChild!.GetAttribute(ProtocolConstants.TargetAttribute), init.Arguments[1].GetProperty("__internalId").GetString());
        await page.AnswerJSAsync(init);
        var helper = init.Arguments[0].GetProperty("__dotNetObject").GetInt64();
        await page.InvokeDotNetAsync(helper, "OnSpacerBeforeVisible", Args(2000, 0, ContainerHeight));
        Assert.Equal(97 * RowHeight, SpacerHeight(page.Find("#table-list tbody").FirstElementChild!));
    }

    [Fact]
    public async Task OutsideATableItsSpacersAreItsSpacerElement()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<VirtualizePage>();

        Assert.Equal("div", page.Find("#list").FirstElementChild!.LocalName);
        Assert.Equal("div", page.Find("#list").LastElementChild!.LocalName);
    }

    [Fact]
    public async Task ScrollingIntoTheSpacerBeforeRendersTheRowsAtThatOffsetWithTheOverscanAroundThem()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<VirtualizePage>();
        var helper = await StartAsync(page);

        // 2000 px of the spacer before lie above the visible area: row 100 is the first in view.
        await page.InvokeDotNetAsync(helper, "OnSpacerBeforeVisible", Args(2000, Separation(page), ContainerHeight));

        // Three rows of overscan before row 100, and 200 px of rows plus three on each side.
        Assert.Equal(97, FirstRow(page));
        Assert.Equal(ContainerHeight / RowHeight + 2 * 3, page.FindAll(".row").Count);
        Assert.Equal(97 * RowHeight, SpacerHeight(page.Find("#list").FirstElementChild!));
        Assert.Equal((1000 - 97 - 16) * RowHeight, SpacerHeight(page.Find("#list").LastElementChild!));
    }

    [Fact]
    public async Task ReachingTheSpacerAfterAtTheBottomRendersTheLastRowsAndEmptiesIt()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<VirtualizePage>();
        var helper = await StartAsync(page);

        await page.InvokeDotNetAsync(helper, "OnSpacerAfterVisible", Args(0, Separation(page), ContainerHeight));

        Assert.Equal("Row 999", page.FindAll(".row")[^1].TextContent);
        Assert.Equal(0, SpacerHeight(page.Find("#list").LastElementChild!));
    }

    [Fact]
    public async Task OverscanCountSetsHowManyRowsAreRenderedBeyondTheVisibleArea()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<VirtualizePage>(new Dictionary<string, object?> { ["Overscan"] = 10 });
        var helper = await StartAsync(page);

        await page.InvokeDotNetAsync(helper, "OnSpacerBeforeVisible", Args(2000, Separation(page), ContainerHeight));

        Assert.Equal(90, FirstRow(page));
        Assert.Equal(ContainerHeight / RowHeight + 2 * 10, page.FindAll(".row").Count);
    }

    [Fact]
    public async Task AnItemsProviderIsAskedForTheWindowAndPlaceholdersStandInUntilItAnswers()
    {
        var requests = new List<ItemsProviderRequest>();
        var answer = new TaskCompletionSource();
        ItemsProviderDelegate<int> provider = async request =>
        {
            lock (requests)
            {
                requests.Add(request);
            }
            await answer.Task.WaitAsync(request.CancellationToken);
            return new ItemsProviderResult<int>(Enumerable.Range(request.StartIndex, request.Count), 1000);
        };
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<VirtualizePage>(new Dictionary<string, object?> { ["Provider"] = provider });
        answer.SetResult();
        var helper = await StartAsync(page);
        answer = new TaskCompletionSource();

        await page.InvokeDotNetAsync(helper, "OnSpacerBeforeVisible", Args(2000, Separation(page), ContainerHeight));

        Assert.Empty(page.FindAll(".row"));
        Assert.Equal("Loading row 97", page.FindAll(".placeholder")[0].TextContent);
        ItemsProviderRequest last;
        lock (requests)
        {
            last = requests[^1];
        }
        Assert.Equal(97, last.StartIndex);
        Assert.Equal(16, last.Count);
        answer.SetResult();
        await page.WaitForAsync(p => p.FindAll(".row").Count == 16);
        Assert.Equal(97, FirstRow(page));
        Assert.Empty(page.FindAll(".placeholder"));
    }

    // Answers the init call as the browser does, then reports the spacer after in view as the browser's first
    // observation does (the list starts at the top); returns the helper's reference.
    internal static async Task<long> StartAsync(RenderedView page)
    {
        var init = await page.JSCallAsync(Init);
        await page.AnswerJSAsync(init);
        var helper = init.Arguments[0].GetProperty("__dotNetObject").GetInt64();
        await page.InvokeDotNetAsync(helper, "OnSpacerAfterVisible", Args(1000 * RowHeight - ContainerHeight, Separation(page), ContainerHeight));
        return helper;
    }

    internal static string Args(double spacerSize, double separation, double containerSize) =>
        JsonSerializer.Serialize(new[] { spacerSize, separation, containerSize });

    // What the browser measures between the spacers: the rows rendered there, each RowHeight tall.
    private static int Separation(RenderedView page) => page.FindAll("#list > div:not([aria-hidden])").Count * RowHeight;

    private static int FirstRow(RenderedView page) =>
        int.Parse(page.FindAll(".row")[0].TextContent.Replace("Row ", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static int SpacerHeight(AngleSharp.Dom.IElement spacer)
    {
        var style = spacer.GetAttribute("style") ?? "";
        var start = style.IndexOf("height:", StringComparison.Ordinal) + "height:".Length;
        var end = style.IndexOf("px", start, StringComparison.Ordinal);
        return (int)double.Parse(style[start..end], CultureInfo.InvariantCulture);
    }
}

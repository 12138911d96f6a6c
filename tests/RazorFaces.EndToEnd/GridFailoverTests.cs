using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>
/// The /grid page whose view was dropped (passivation; on another node it would be a failover): the rebuilt view comes
/// back as a refresh, the paged grid keeps its sort and page, and the virtualized grid shows the rows the user had
/// scrolled to.
/// </summary>
[Collection(SessionNodeCollection.Name)]
public sealed class GridFailoverTests(SessionNodeFixture fixture)
{
    [Fact]
    public async Task AfterTheViewWasRebuiltTheGridsShowTheSameSortPageAndRowsAgain()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await Chromium.OpenAsync(context, "grid");
        // The paged grid sorted by id, descending, on its second page.
        var firstId = page.Locator("#paged-grid tbody tr:first-child td:first-child");
        await Assertions.Expect(firstId).ToHaveTextAsync("1");
        await page.ClickAsync("#paged-grid th:nth-child(1) button.col-title");
        await Assertions.Expect(firstId).ToHaveTextAsync("3000");
        await page.ClickAsync(".paginator .go-next");
        await Assertions.Expect(firstId).ToHaveTextAsync("2980");
        await GridTests.WaitForVirtualRowAsync(page, 1);
        await page.EvaluateAsync("() => document.querySelector('#virtual-grid').scrollTop = 999 * 32");
        await GridTests.WaitForVirtualRowAsync(page, 1000);

        // Counts the inits from here on: the rebuilt Virtualize runs its first render again and re-arms the browser.
        await page.EvaluateAsync("() => { const v = Blazor._internal.Virtualize, init = v.init; window.inits = 0; v.init = (...a) => { window.inits++; return init(...a); }; }");

        Assert.True(await fixture.PassivateAllAsync() >= 1);
        await page.ClickAsync(".paginator .go-next");
        await page.WaitForFunctionAsync("() => window.inits >= 1");

        await GridTests.WaitForVirtualRowAsync(page, 1000);
        // The paged grid went on from where it was: the third page, still by id descending (its page and sort are
        // saved with the view, docs/blazor-differences.md).
        await Assertions.Expect(firstId).ToHaveTextAsync("2960");
        await Assertions.Expect(page.Locator("#paged-grid th:nth-child(1)")).ToHaveAttributeAsync("aria-sort", "descending");
        // The rebuilt component follows the scroll position from there.
        await page.EvaluateAsync("() => document.querySelector('#virtual-grid').scrollTop = 1009 * 32");
        await GridTests.WaitForVirtualRowAsync(page, 1010);
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));

        // QuickGrid's module, initialized again by the rebuilt grid, still closes the column options on a click outside.
        await page.ClickAsync("#paged-grid th:nth-child(2) .col-options-button");
        await Assertions.Expect(page.Locator("#customer-filter")).ToBeVisibleAsync();
        await page.ClickAsync("h1");
        await Assertions.Expect(page.Locator("#paged-grid .col-options")).ToHaveCountAsync(0);
    }
}

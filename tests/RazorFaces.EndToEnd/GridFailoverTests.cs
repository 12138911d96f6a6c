using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>
/// A virtualized grid whose view was dropped (passivation; on another node it would be a failover): the rebuilt view
/// comes back as a refresh, and the grid shows the rows the user had scrolled to.
/// </summary>
[Collection(SessionNodeCollection.Name)]
public sealed class GridFailoverTests(SessionNodeFixture fixture)
{
    [Fact]
    public async Task AfterTheViewWasRebuiltTheVirtualizedGridShowsTheSameRowsAgain()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await Chromium.OpenAsync(context, "grid");
        await GridTests.WaitForVirtualRowAsync(page, 1);
        await page.EvaluateAsync("() => document.querySelector('#virtual-grid').scrollTop = 999 * 32");
        await GridTests.WaitForVirtualRowAsync(page, 1000);

        // Counts the inits from here on: the rebuilt Virtualize runs its first render again and re-arms the browser.
        await page.EvaluateAsync("() => { const v = Blazor._internal.Virtualize, init = v.init; window.inits = 0; v.init = (...a) => { window.inits++; return init(...a); }; }");

        Assert.True(await fixture.PassivateAllAsync() >= 1);
        await page.ClickAsync(".paginator .go-next");
        await page.WaitForFunctionAsync("() => window.inits >= 1");

        await GridTests.WaitForVirtualRowAsync(page, 1000);
        // The rebuilt component follows the scroll position from there.
        await page.EvaluateAsync("() => document.querySelector('#virtual-grid').scrollTop = 1009 * 32");
        await GridTests.WaitForVirtualRowAsync(page, 1010);
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));
    }
}

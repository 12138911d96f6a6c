using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class CounterTests(BrowserFixture fixture)
{
    [Fact]
    public async Task EveryClickIncrementsTheCountRenderedOnTheServer()
    {
        var page = await fixture.NewPageAsync("counter");
        Assert.Equal("0", await page.TextContentAsync("#count"));

        for (var i = 1; i <= 5; i++)
        {
            await page.ClickAsync("#increment");
            await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(5, await page.EvaluateAsync<int>("() => window.RazorFaces.stats.updates"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.RazorFaces.stats.fullRefreshes"));
        Assert.Equal("signalr", await page.EvaluateAsync<string>("() => window.RazorFaces.stats.transport"));
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));
        Assert.Equal("e2e-1", await page.TextContentAsync("#served-by"));
    }

    [Fact]
    public async Task TwoTabsOfOneSessionHaveIndependentViews()
    {
        var first = await fixture.NewPageAsync("counter");
        var second = await fixture.NewPageAsync("counter", first.Context);

        await first.ClickAsync("#increment");
        await first.ClickAsync("#increment");
        await Assertions.Expect(first.Locator("#count")).ToHaveTextAsync("2");
        await second.ClickAsync("#increment");
        await Assertions.Expect(second.Locator("#count")).ToHaveTextAsync("1");
        await first.ClickAsync("#increment");

        await Assertions.Expect(first.Locator("#count")).ToHaveTextAsync("3");
        await Assertions.Expect(second.Locator("#count")).ToHaveTextAsync("1");
        Assert.NotEqual(
            await first.GetAttributeAsync("#rf-root", "data-rf-view"),
            await second.GetAttributeAsync("#rf-root", "data-rf-view"));
    }

    [Fact]
    public async Task TheFirstResponseIsReadableWithoutJavaScript()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Node.Address.ToString(),
            JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("counter");

        Assert.Equal("0", await page.TextContentAsync("#count"));
        Assert.Equal("Counter", await page.TextContentAsync("h1"));
        await context.DisposeAsync();
    }
}

using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

[Collection(SessionNodeCollection.Name)]
public sealed class CartTests(SessionNodeFixture fixture)
{
    [Fact]
    public async Task TwoTabsOfOneSessionShareTheCartAndAnotherSessionHasItsOwn()
    {
        await using var session = await fixture.NewContextAsync();
        var first = await Chromium.OpenAsync(session, "cart");
        var second = await Chromium.OpenAsync(session, "cart");
        await Assertions.Expect(first.Locator("#cart-count")).ToHaveTextAsync("0");

        await AddAsync(first, "apples");
        await Assertions.Expect(first.Locator("#cart-items li")).ToHaveCountAsync(1);

        // The second tab's view rendered before the item existed; loading the page again shows the bean as it is now.
        await second.GotoAsync("cart");
        await Assertions.Expect(second.Locator("#cart-items li")).ToHaveCountAsync(1);
        await Assertions.Expect(second.Locator("#cart-items li").First).ToContainTextAsync("apples");
        await Assertions.Expect(second.Locator("#cart-count")).ToHaveTextAsync("1");

        await AddAsync(second, "pears");
        await Assertions.Expect(second.Locator("#cart-count")).ToHaveTextAsync("2");

        // The first tab's next event re-renders its view against the shared bean: both items appear without a reload.
        await first.FillAsync("#item-name", "plums");
        await first.Locator("#item-name").BlurAsync();
        await Assertions.Expect(first.Locator("#cart-count")).ToHaveTextAsync("2");
        await Assertions.Expect(first.Locator("#cart-items li")).ToHaveCountAsync(2);
        await Assertions.Expect(first.Locator("#cart-items li").Nth(0)).ToContainTextAsync("apples");
        await Assertions.Expect(first.Locator("#cart-items li").Nth(1)).ToContainTextAsync("pears");
        Assert.Equal(0, await first.EvaluateAsync<int>("() => window.RazorFaces.stats.fullRefreshes"));

        await using var stranger = await fixture.NewContextAsync();
        var other = await Chromium.OpenAsync(stranger, "cart");
        await Assertions.Expect(other.Locator("#cart-count")).ToHaveTextAsync("0");
        await Assertions.Expect(other.Locator("#cart-items li")).ToHaveCountAsync(0);
        Assert.Equal("connected", await first.GetAttributeAsync("html", "data-rf-status"));
        Assert.Equal("connected", await second.GetAttributeAsync("html", "data-rf-status"));
    }

    private static async Task AddAsync(IPage page, string item)
    {
        await page.FillAsync("#item-name", item);
        await page.ClickAsync("#add-item");
        await Assertions.Expect(page.Locator("#item-name")).ToHaveValueAsync(string.Empty);
    }
}

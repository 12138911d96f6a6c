using Microsoft.Playwright;
using RazorFaces.Cluster.Tests.Support;

namespace RazorFaces.Cluster.Tests;

/// <summary>Fail-back: a node that was down serves sessions it has never seen once it is back.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RejoinTests(BrowserFixture browser) : IAsyncLifetime
{
    private DemoCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await DemoCluster.StartAsync(nodes: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task SessionCreatedWhileNodeWasDownIsServedByItAfterItRejoinsWithItsCart()
    {
        var b = _cluster.Node("node-b");
        await b.KillAsync();
        await _cluster.Haproxy!.WaitForStatusAsync(b.Name, "DOWN");
        await using var context = await browser.Browser.NewContextAsync();
        var page = await ClusterPage.OpenAsync(context, new Uri(_cluster.Address, "cart"));
        Assert.Equal("node-a", await page.TextAsync("#served-by"));
        foreach (var item in new[] { "apples", "pears" })
        {
            await page.Page.FillAsync("#item-name", item);
            await page.ClickAsync("#add-item");
            await page.WaitForTextAsync("#cart-count", item == "apples" ? "1" : "2");
        }
        var session = await CookieAsync(context, "rf-session");

        await b.StartAsync();
        await _cluster.Haproxy.WaitForStatusAsync(b.Name, "UP");
        // Stick this browser to B the way haproxy reads it: the app's own rf-node cookie.
        await context.AddCookiesAsync([new Cookie { Name = "rf-node", Value = b.Name, Url = _cluster.Address.ToString() }]);
        var onB = await ClusterPage.OpenAsync(context, new Uri(_cluster.Address, "cart"));

        Assert.Equal(b.Name, await onB.TextAsync("#served-by"));
        Assert.Equal(["apples", "pears"], await ItemsAsync(onB));
        await onB.Page.FillAsync("#item-name", "plums");
        await onB.ClickAsync("#add-item");
        await onB.WaitForTextAsync("#cart-count", "3");
        Assert.Equal(b.Name, await onB.TextAsync("#served-by"));
        // One session all along: moving between nodes never minted a second id.
        Assert.Equal(session, await CookieAsync(context, "rf-session"));
        Assert.Equal(b.Name, await CookieAsync(context, "rf-node"));
    }

    private static async Task<string[]> ItemsAsync(ClusterPage page) =>
        [.. (await page.Page.Locator("#cart-items li").AllTextContentsAsync()).Select(t => t.Replace("Remove", string.Empty, StringComparison.Ordinal).Trim())];

    private static async Task<string?> CookieAsync(IBrowserContext context, string name) =>
        (await context.CookiesAsync()).SingleOrDefault(c => c.Name == name)?.Value;
}

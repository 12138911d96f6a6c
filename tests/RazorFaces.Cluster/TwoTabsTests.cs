using System.Globalization;
using RazorFaces.Cluster.Tests.Support;

namespace RazorFaces.Cluster.Tests;

/// <summary>One session, two tabs, each on its own node at the same time (no load balancer: direct node addresses).</summary>
[Collection(ClusterCollection.Name)]
public sealed class TwoTabsTests(BrowserFixture browser) : IAsyncLifetime
{
    private const int Rounds = 5;

    private DemoCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await DemoCluster.StartAsync(nodes: 2, haproxy: false);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task TwoTabsOnTwoNodesAddingToOneCartAtOnceLoseNoItemAndShareNoViewNumber()
    {
        // Cookies ignore ports, so both tabs carry the one session the first page created.
        await using var context = await browser.Browser.NewContextAsync();
        var onA = await ClusterPage.OpenAsync(context, new Uri(_cluster.Nodes[0].Address, "cart"));
        var onB = await ClusterPage.OpenAsync(context, new Uri(_cluster.Nodes[1].Address, "cart"));
        Assert.Equal("node-a", await onA.TextAsync("#served-by"));
        Assert.Equal("node-b", await onB.TextAsync("#served-by"));

        for (var round = 1; round <= Rounds; round++)
        {
            await Task.WhenAll(AddAsync(onA, $"a{round}"), AddAsync(onB, $"b{round}"));
        }

        // Each tab's last answer came after its own last add, so it shows at least its own items.
        Assert.True(int.Parse(await onA.TextAsync("#cart-count"), CultureInfo.InvariantCulture) >= Rounds);
        var expected = Enumerable.Range(1, Rounds).SelectMany(r => new[] { $"a{r}", $"b{r}" }).Order().ToArray();
        foreach (var node in _cluster.Nodes)
        {
            var check = await ClusterPage.OpenAsync(context, new Uri(node.Address, "cart"));
            Assert.Equal(expected, await ItemsAsync(check));
        }
        foreach (var tab in new[] { onA, onB })
        {
            Assert.Empty(await tab.ViewNumberCollisionsAsync());
            Assert.DoesNotContain("expired", await tab.StatusesAsync());
            Assert.Equal(1, tab.Loads);
        }
        Assert.NotEqual(
            await onA.Page.GetAttributeAsync("#rf-root", "data-rf-view"),
            await onB.Page.GetAttributeAsync("#rf-root", "data-rf-view"));
    }

    private static async Task AddAsync(ClusterPage tab, string item)
    {
        await tab.Page.FillAsync("#item-name", item);
        await tab.ClickAsync("#add-item");
        // The add clears the field once the server applied it and the answer arrived.
        await tab.Page.WaitForFunctionAsync(
            "i => document.querySelector('#item-name').value === '' && [...document.querySelectorAll('#cart-items li')].some(li => li.textContent.includes(i))",
            item);
    }

    private static async Task<string[]> ItemsAsync(ClusterPage page) =>
        [.. (await page.Page.Locator("#cart-items li").AllTextContentsAsync()).Select(t => t.Replace("Remove", string.Empty, StringComparison.Ordinal).Trim()).Order()];
}

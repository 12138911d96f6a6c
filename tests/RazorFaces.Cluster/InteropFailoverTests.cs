using RazorFaces.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace RazorFaces.Cluster.Tests;

/// <summary>
/// JavaScript interop through a node's death (Chromium, three nodes behind haproxy): the /interop page's module
/// reference died with the node; the view rebuilt on another node imports it again and its interop works there.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InteropFailoverTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private DemoCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await DemoCluster.StartAsync(nodes: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AfterTheServingNodeIsKilledTheRebuiltViewImportsItsModuleAgainAndItsInteropWorks()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await ClusterPage.OpenAsync(context, new Uri(_cluster.Address, "interop"));
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Enqueue(m.Text);
            }
        };
        await page.WaitForTextAsync("#interop-module", "loaded");
        await page.ClickAsync("#interop-callback");
        await page.WaitForTextAsync("#interop-calls", "1");
        var first = await page.TextAsync("#served-by");

        await _cluster.Node(first).KillAsync();

        string second;
        try
        {
            second = await page.WaitForServedByOtherThanAsync(first);
        }
        catch (TimeoutException)
        {
            output.WriteLine(_cluster.Describe());
            throw;
        }
        await page.WaitForTextAsync("#interop-module", "loaded");
        await page.ClickAsync("#interop-focus");
        await page.Page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'interop-name'");
        await page.Page.Keyboard.TypeAsync("after failover");
        await page.ClickAsync("#interop-read");
        await page.WaitForTextAsync("#interop-value", "after failover");
        await page.ClickAsync("#interop-callback");
        await page.WaitForTextAsync("#interop-calls", "1");

        Assert.NotEqual(first, second);
        Assert.Equal(second, await page.TextAsync("#served-by"));
        Assert.Equal("connected", await page.StatusAsync());
        Assert.Equal(1, page.Loads);
        Assert.Empty(await page.ViewNumberCollisionsAsync());
        output.WriteLine($"{first} killed; the view went on on {second}; errors: {string.Join(" | ", errors)}; {await page.DescribeAsync()}");
    }
}

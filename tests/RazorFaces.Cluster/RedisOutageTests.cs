using System.Net;
using RazorFaces.Cluster.Tests.Support;
using RazorFaces.Testing.Client;

namespace RazorFaces.Cluster.Tests;

/// <summary>redis-server stops for a few seconds under a working cluster, then comes back on the same port.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RedisOutageTests(BrowserFixture browser) : IAsyncLifetime
{
    private DemoCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await DemoCluster.StartAsync(nodes: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task WhileRedisIsDownClientsShowTroubleRequestsAnswerStoreUnavailableAndAllResumesUnharmed()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await ClusterPage.OpenAsync(context, new Uri(_cluster.Address, "counter"));
        await page.ClickAsync("#increment");
        await page.WaitForTextAsync("#count", "1");
        // A protocol client straight on node A, to read the exact answers the node gives.
        using var directBrowser = Browsers.At(_cluster.Nodes[0].Address);
        var direct = await directBrowser.OpenAsync("counter");
        Assert.True((await direct.ClickAsync("#increment")).IsSuccess);

        await _cluster.Redis.StopAsync();

        // One attempt, to read the node's exact answer (the client would retry it).
        var refused = await direct.Transport.SendAsync(direct.EventMessage(direct.TargetOf("#increment", "click"), "click").ToJsonString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal("store-unavailable", refused.ErrorCode);
        using (var http = new HttpClient())
        {
            using var health = await http.GetAsync(new Uri(_cluster.Nodes[0].Address, "healthz"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }
        await page.ClickAsync("#increment");
        await page.Page.WaitForFunctionAsync("() => ['trouble', 'lost'].includes(window.RazorFaces.status)");
        Assert.Equal("1", await page.TextAsync("#count"));

        await _cluster.Redis.StartAgainAsync();

        // The click made during the outage was retried, not lost, and applied once.
        await page.WaitForTextAsync("#count", "2");
        await page.Page.WaitForFunctionAsync("() => window.RazorFaces.status === 'connected'");
        await page.ClickAsync("#increment");
        await page.WaitForTextAsync("#count", "3");
        Assert.DoesNotContain("expired", await page.StatusesAsync());
        Assert.Equal(1, page.Loads);
        Assert.Empty(await page.ViewNumberCollisionsAsync());
        // The refused click changed nothing; the direct client's view is intact and carries on.
        Assert.True((await direct.ResyncAsync()).IsSuccess);
        Assert.Equal("1", direct.Text("#count"));
        Assert.True((await direct.ClickAsync("#increment")).IsSuccess);
        Assert.Equal("2", direct.Text("#count"));
        Assert.DoesNotContain(direct.Failures, f => f.Contains("410", StringComparison.Ordinal));
    }
}

using RazorFaces.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace RazorFaces.Cluster.Tests;

/// <summary>
/// The SignalR transport through a node's death (Chromium, three nodes behind haproxy with stickiness on
/// <c>rf-node</c>): the client replaces the dropped connection, lands on another node, and the view goes on.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SignalRFailoverTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private DemoCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await DemoCluster.StartAsync(nodes: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AfterTheServingNodeIsKilledTheHubConnectionReconnectsToAnotherNodeAndTheNextClickCounts()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await ClusterPage.OpenAsync(context, new Uri(_cluster.Address, "counter"));
        var sockets = 0;
        page.Page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_rf/hub", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref sockets);
            }
        };
        var trace = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Page.Console += (_, m) => trace.Enqueue("console " + m.Text);
        page.Page.Response += (_, r) => trace.Enqueue($"{r.Status} {r.Url} {r.Headers.GetValueOrDefault("set-cookie")}");
        page.Page.WebSocket += (_, s) => { trace.Enqueue("ws " + s.Url); s.Close += (_, _) => trace.Enqueue("ws closed " + s.Url); };
        await page.Page.WaitForFunctionAsync("() => window.RazorFaces.stats.transport === 'signalr'");
        for (var i = 1; i <= 3; i++)
        {
            await page.ClickAsync("#increment");
            await page.WaitForTextAsync("#count", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var first = await page.TextAsync("#served-by");
        var socketsBefore = Volatile.Read(ref sockets);

        await _cluster.Node(first).KillAsync();

        // Nothing clicked yet: the new connection's Watch on another node rebuilds the view and pushes its refresh
        // (the footer names the node, so the rebuilt DOM differs).
        string second;
        try
        {
            second = await page.WaitForServedByOtherThanAsync(first);
        }
        catch (TimeoutException)
        {
            output.WriteLine(string.Join("\n", trace));
            output.WriteLine(_cluster.Describe());
            throw;
        }
        Assert.True(Volatile.Read(ref sockets) > socketsBefore, $"no new hub WebSocket after the kill; {await page.DescribeAsync()}");
        await page.ClickAsync("#increment");
        await page.WaitForTextAsync("#count", "4");
        await page.ClickAsync("#increment");
        await page.WaitForTextAsync("#count", "5");

        Assert.NotEqual(first, second);
        Assert.Equal(second, await page.TextAsync("#served-by"));
        Assert.Equal("signalr", await page.Page.EvaluateAsync<string>("() => window.RazorFaces.stats.transport"));
        Assert.True(await page.StatAsync("rebuilds") >= 1, await page.DescribeAsync());
        Assert.DoesNotContain("expired", await page.StatusesAsync());
        Assert.Equal("connected", await page.StatusAsync());
        Assert.Equal(1, page.Loads);
        Assert.Empty(await page.ViewNumberCollisionsAsync());
        output.WriteLine($"{first} killed; reconnected to {second}; statuses [{string.Join(",", await page.StatusesAsync())}]; {await page.DescribeAsync()}");
    }
}

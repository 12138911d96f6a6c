using System.Diagnostics;
using System.Globalization;
using RazorFaces.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace RazorFaces.Cluster.Tests;

/// <summary>haproxy balancing every request round robin, with no stickiness at all (docs/cluster.md reports the cost).</summary>
[Collection(ClusterCollection.Name)]
public sealed class RoundRobinTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Clicks = 30;

    private DemoCluster _cluster = null!;

    // Long-poll: per-request balancing moves every request. (A SignalR connection is one long request, so it stays
    // on one node until that node goes away; see docs/cluster.md.)
    public async Task InitializeAsync() => _cluster = await DemoCluster.StartAsync(nodes: 3, sticky: false, nodeArguments: ["--transport", "longpoll"]);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task RoundRobinWithoutStickinessLosesNoClick()
    {
        await using var context = await browser.Browser.NewContextAsync();
        // Baseline in the same run: one node, no balancer, so every event finds its live view.
        Run baseline, balanced;
        try
        {
            baseline = await ClickThirtyTimesAsync(await ClusterPage.OpenAsync(context, new Uri(_cluster.Nodes[0].Address, "counter")));
            balanced = await ClickThirtyTimesAsync(await ClusterPage.OpenAsync(context, new Uri(_cluster.Address, "counter")));
        }
        catch
        {
            output.WriteLine(_cluster.Describe());
            throw;
        }

        Assert.True(balanced.Nodes.Count >= 2, $"round robin never moved the view: {string.Join(",", balanced.Nodes)}");
        Assert.True(balanced.Rebuilds >= 1, balanced.ToString());
        output.WriteLine($"baseline (one node):        {baseline}");
        output.WriteLine($"round robin, no stickiness: {balanced}");
    }

    private static async Task<Run> ClickThirtyTimesAsync(ClusterPage page)
    {
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= Clicks; i++)
        {
            await page.ClickNowAsync("#increment");
            await page.WaitForTextAsync("#count", i.ToString(CultureInfo.InvariantCulture));
            nodes.Add(await page.TextAsync("#served-by"));
        }
        clock.Stop();
        Assert.Equal(Clicks.ToString(CultureInfo.InvariantCulture), await page.TextAsync("#count"));
        Assert.DoesNotContain("expired", await page.StatusesAsync());
        Assert.Empty(await page.ViewNumberCollisionsAsync());
        Assert.Equal(1, page.Loads);
        Assert.Equal("connected", await page.StatusAsync());
        return new Run(clock.Elapsed, nodes, await page.StatAsync("rebuilds"), await page.StatAsync("fullRefreshes"), await page.StatAsync("updates"));
    }

    private sealed record Run(TimeSpan Elapsed, HashSet<string> Nodes, int Rebuilds, int FullRefreshes, int Updates)
    {
        public override string ToString() =>
            $"{Clicks} clicks in {Elapsed.TotalMilliseconds:0} ms ({Elapsed.TotalMilliseconds / Clicks:0.0} ms/click), " +
            $"nodes {string.Join(",", Nodes.Order())}, rebuilds {Rebuilds}, full refreshes {FullRefreshes} " +
            $"({FullRefreshes / Elapsed.TotalSeconds:0.0}/s), updates {Updates}";
    }
}

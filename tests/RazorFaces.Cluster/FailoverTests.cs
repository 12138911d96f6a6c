using RazorFaces.Cluster.Tests.Support;

namespace RazorFaces.Cluster.Tests;

/// <summary>A node dies or stops under a user's open page (Chromium, three nodes behind haproxy with stickiness).</summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(BrowserFixture browser) : IAsyncLifetime
{
    private DemoCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await DemoCluster.StartAsync(nodes: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task EventAfterServingNodeIsKilledIsAppliedOnAnotherNodeAndTheViewContinues()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await ClusterPage.OpenAsync(context, new Uri(_cluster.Address, "counter"));
        for (var i = 1; i <= 3; i++)
        {
            await page.ClickAsync("#increment");
            await page.WaitForTextAsync("#count", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var first = await page.TextAsync("#served-by");

        await _cluster.Node(first).KillAsync();
        await page.ClickAsync("#increment");

        await page.WaitForTextAsync("#count", "4");
        Assert.NotEqual(first, await page.WaitForServedByOtherThanAsync(first));
        await page.ClickAsync("#increment");
        await page.WaitForTextAsync("#count", "5");
        Assert.DoesNotContain("expired", await page.StatusesAsync());
        Assert.True(await page.StatAsync("rebuilds") >= 1, await page.DescribeAsync());
        Assert.Equal(1, page.Loads);
        Assert.Empty(await page.ViewNumberCollisionsAsync());
    }

    [Fact]
    public async Task FirstRequestAfterFailoverIsTheLongPollWhichResumesTheViewOnAnotherNode()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await ClusterPage.OpenAsync(context, new Uri(_cluster.Address, "counter"));
        await page.ClickAsync("#increment");
        await page.WaitForTextAsync("#count", "1");
        var first = await page.TextAsync("#served-by");
        var sendsAfterKill = 0;
        var killed = false;
        page.Page.Request += (_, request) =>
        {
            if (Volatile.Read(ref killed) && request.Url.Contains("/_rf/send", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref sendsAfterKill);
            }
        };

        // Idle page: only its long-poll is open, on the node that dies.
        Volatile.Write(ref killed, true);
        await _cluster.Node(first).KillAsync();

        // Nothing was clicked, so only the poll can have brought the other node's refresh.
        var second = await page.WaitForServedByOtherThanAsync(first);
        Assert.Equal(0, Volatile.Read(ref sendsAfterKill));
        Assert.Equal("1", await page.TextAsync("#count"));
        Assert.True(await page.StatAsync("rebuilds") >= 1, await page.DescribeAsync());
        await page.ClickAsync("#increment");
        await page.WaitForTextAsync("#count", "2");
        Assert.NotEqual(first, second);
        Assert.DoesNotContain("expired", await page.StatusesAsync());
        Assert.Equal(1, page.Loads);
    }

    [Fact]
    public async Task GracefulStopHandsClientsToAnotherNodeWithoutAnError()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await ClusterPage.OpenAsync(context, new Uri(_cluster.Address, "counter"));
        await page.ClickAsync("#increment");
        await page.ClickAsync("#increment");
        await page.WaitForTextAsync("#count", "2");
        var first = await page.TextAsync("#served-by");

        await _cluster.Node(first).TerminateAsync();

        var second = await page.WaitForServedByOtherThanAsync(first);
        await page.ClickAsync("#increment");
        await page.WaitForTextAsync("#count", "3");
        Assert.NotEqual(first, second);
        Assert.Equal("connected", await page.StatusAsync());
        // At worst a moment of 'trouble' while haproxy notices the node left; never lost or expired.
        Assert.All(await page.StatusesAsync(), s => Assert.Contains(s, new[] { "connected", "trouble" }));
        Assert.Equal(1, page.Loads);
    }
}

using RazorFaces.Cluster.Tests.Support;

namespace RazorFaces.Cluster.Tests;

/// <summary>
/// A rolling upgrade with two builds that really differ: node-a runs Demo.App storing sessions as JSON (as builds
/// before MessagePack did), node-b runs the next build of it (tests/RazorFaces.UpgradeApp) with the default
/// MessagePack format, both on one redis-server behind haproxy. The browser works on node-a; node-b
/// joins; node-a is stopped with SIGTERM, as a rolling deploy does, and node-b takes the session over.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingUpgradeTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly ProcessOutput _oldOutput = new();
    private readonly ProcessOutput _newOutput = new();
    private RedisProcess _redis = null!;
    private DemoNode _old = null!;
    private DemoNode _new = null!;
    private HaproxyProcess _haproxy = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisProcess.StartAsync();
        _old = new DemoNode("node-a", _redis.Endpoint, _oldOutput, extraArguments: ["--RazorFaces:Sessions:Format", "Json"]);
        _new = new DemoNode("node-b", _redis.Endpoint, _newOutput, assembly: NextBuild.Assembly);
        await _old.StartAsync();
        // Both are in haproxy's configuration from the start; node-b is down until the deploy starts it.
        _haproxy = await HaproxyProcess.StartAsync([_old, _new], sticky: true);
        await _haproxy.WaitForStatusAsync(_old.Name, "UP");
    }

    public async Task DisposeAsync()
    {
        await _haproxy.DisposeAsync();
        await _old.DisposeAsync();
        await _new.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task NodeOfTheNextBuildTakesOverTheSessionStoredAsJsonKeepsTheCartStartsTheCounterAfreshAndReloadsThePageOnce()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await ClusterPage.OpenAsync(context, new Uri(_haproxy.Address, "cart"));
        foreach (var (item, count) in new[] { ("apples", "1"), ("pears", "2") })
        {
            await page.Page.FillAsync("#item-name", item);
            await page.ClickAsync("#add-item");
            await page.WaitForTextAsync("#cart-count", count);
        }
        await page.ClickAsync("#nav-counter");
        await page.WaitForTextAsync("h1", "Counter");
        for (var i = 1; i <= 3; i++)
        {
            await page.ClickAsync("#increment");
            await page.WaitForTextAsync("#count", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal(_old.Name, await page.TextAsync("#served-by"));
        var oldClient = await ClientVersionAsync(page);
        Assert.Equal((1, 0), await StoredFormatsAsync());

        await _new.StartAsync();
        await _haproxy.WaitForStatusAsync(_new.Name, "UP");
        await _old.TerminateAsync();

        // The old page's next request reaches node-b, which tells it to reload; the reloaded page runs node-b's client.
        await Eventually.TrueAsync(() => page.Loads == 2, TimeSpan.FromSeconds(30), () => Describe(page));
        try
        {
            await page.Page.WaitForFunctionAsync("() => window.RazorFaces && window.RazorFaces.status === 'connected'");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The reloaded page never connected: {await page.DescribeAsync()}\n{Describe(page)}", e);
        }
        Assert.Equal(_new.Name, await page.TextAsync("#served-by"));
        Assert.NotEqual(oldClient, await ClientVersionAsync(page));
        // The counter's saved state no longer fits the next build: a fresh counter, not an error page.
        Assert.Equal("Counter", await page.TextAsync("h1"));
        Assert.Equal("0", await page.TextAsync("#count"));
        Assert.Contains("could not be rebuilt from its saved state", _newOutput.ToString(), StringComparison.Ordinal);
        Assert.Contains("count", _newOutput.ToString(), StringComparison.Ordinal);
        await page.ClickAsync("#increment");
        await page.WaitForTextAsync("#count", "1");

        // The cart was read tolerantly: its items survive and the member the next build added has its default.
        await page.ClickAsync("#nav-cart");
        await page.WaitForTextAsync("#cart-count", "2");
        Assert.Equal("EUR", await page.TextAsync("#cart-currency"));
        Assert.Equal(["apples", "pears"], await ItemsAsync(page));
        await page.Page.FillAsync("#item-name", "plums");
        await page.ClickAsync("#add-item");
        await page.WaitForTextAsync("#cart-count", "3");

        Assert.DoesNotContain("expired", await page.StatusesAsync());
        // The session node-b took over from JSON is stored as MessagePack since its first write.
        Assert.Equal((0, 1), await StoredFormatsAsync());
        // Exactly one reload: the new client is not told to reload again.
        Assert.Equal(2, page.Loads);
    }

    /// <summary>How many stored sessions have a JSON and how many a MessagePack metadata field (by its first byte).</summary>
    private async Task<(int Json, int MessagePack)> StoredFormatsAsync()
    {
        async Task<int> CountAsync(string test) => int.Parse((await _redis.CommandAsync(
            "EVAL \"local n = 0 for _, k in ipairs(redis.call('KEYS', 'rf:*:s:*')) do local m = redis.call('HGET', k, 'meta') " +
            $"if m and {test} then n = n + 1 end end return n\" 0"))[1..], System.Globalization.CultureInfo.InvariantCulture);
        return (await CountAsync("string.byte(m, 1) == 123"), await CountAsync("string.byte(m, 1) >= 128"));
    }

    private static Task<string> ClientVersionAsync(ClusterPage page) =>
        page.Page.EvaluateAsync<string>("() => document.querySelector('meta[name=rf-client]').content");

    private static async Task<string[]> ItemsAsync(ClusterPage page) =>
        [.. (await page.Page.Locator("#cart-items li").AllTextContentsAsync()).Select(t => t.Replace("Remove", string.Empty, StringComparison.Ordinal).Trim())];

    private string Describe(ClusterPage page) =>
        $"loads={page.Loads}\n--- node-a ---\n{_oldOutput}\n--- node-b ---\n{_newOutput}\n--- haproxy ---\n{_haproxy.Output}";
}

using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>More tabs in one session than <c>Views.MaxPerSession</c> allows, in Chromium, over both transports.</summary>
public sealed class ViewCapTests : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser _browser = null!;
    private DemoNode _signalR = null!;
    private DemoNode _longPoll = null!;

    public async Task InitializeAsync()
    {
        _signalR = await DemoNode.StartAsync("e2e-cap-signalr", "--RazorFaces:Views:MaxPerSession", "2");
        _longPoll = await DemoNode.StartAsync("e2e-cap-longpoll", "--RazorFaces:Views:MaxPerSession", "2", "--transport", "longpoll");
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _signalR.DisposeAsync();
        await _longPoll.DisposeAsync();
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("longpoll")]
    public async Task ATabBeyondTheCapClosesTheLeastRecentlyUsedTabOnceAndNoTabLoops(string transport)
    {
        var node = transport == "signalr" ? _signalR : _longPoll;
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.Address.ToString() });
        var tabs = new List<IPage>();
        var loads = 0;
        for (var i = 0; i < 3; i++)
        {
            var tab = await Chromium.OpenAsync(context, "counter");
            await tab.WaitForFunctionAsync("() => window.RazorFaces && window.RazorFaces.status === 'connected'");
            await tab.ClickAsync("#increment");
            await Assertions.Expect(tab.Locator("#count")).ToHaveTextAsync("1");
            tab.Load += (_, _) => Interlocked.Increment(ref loads);
            tabs.Add(tab);
        }

        // The first tab, least recently used though still listening, was dropped when the third opened.
        await Assertions.Expect(tabs[0].Locator("html")).ToHaveAttributeAsync("data-rf-status", "closed");
        await Assertions.Expect(tabs[0].Locator("#rf-reload")).ToBeVisibleAsync();
        for (var round = 2; round <= 4; round++)
        {
            foreach (var tab in tabs.Skip(1))
            {
                await tab.ClickAsync("#increment");
                await Assertions.Expect(tab.Locator("#count")).ToHaveTextAsync(round.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // Nothing went round: no tab reloaded or was refreshed, and the closed one stays closed.
        Assert.Equal(0, loads);
        foreach (var tab in tabs.Skip(1))
        {
            Assert.Equal("connected", await tab.GetAttributeAsync("html", "data-rf-status"));
            Assert.Equal(0, await tab.EvaluateAsync<int>("() => window.RazorFaces.stats.fullRefreshes"));
        }
        Assert.Equal("closed", await tabs[0].GetAttributeAsync("html", "data-rf-status"));
        Assert.Equal("1", await tabs[0].TextContentAsync("#count"));

        // The user may take the closed tab back: it gets a working page, and the least recently used other tab goes.
        await tabs[0].ClickAsync("#rf-reload");
        await tabs[0].WaitForFunctionAsync("() => window.RazorFaces && window.RazorFaces.status === 'connected'");
        await tabs[0].ClickAsync("#increment");
        await Assertions.Expect(tabs[0].Locator("#count")).ToHaveTextAsync("1");
        await Assertions.Expect(tabs[1].Locator("html")).ToHaveAttributeAsync("data-rf-status", "closed");
        Assert.Equal("connected", await tabs[2].GetAttributeAsync("html", "data-rf-status"));
    }
}

using Microsoft.Playwright;

namespace RazorFaces.EndToEnd.Support;

/// <summary>
/// Chromium and two demo nodes, both serving /test-hooks: one with the default transport choice (auto), one forced to
/// long-poll.
/// </summary>
public sealed class TransportNodesFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Started without <c>--transport</c>: the client prefers SignalR.</summary>
    public DemoNode Auto { get; private set; } = null!;

    /// <summary>Started with <c>--transport longpoll</c>.</summary>
    public DemoNode LongPoll { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Auto = await DemoNode.StartAsync("e2e-auto", "--test-hooks", "true");
        LongPoll = await DemoNode.StartAsync("e2e-longpoll", "--transport", "longpoll", "--test-hooks", "true");
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Auto.DisposeAsync();
        await LongPoll.DisposeAsync();
    }

    /// <summary>A page of <paramref name="node"/> in a fresh browser context, once its client is connected.</summary>
    public async Task<IPage> NewPageAsync(DemoNode node, string path)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.Address.ToString() });
        return await Chromium.OpenAsync(context, path);
    }
}

using Microsoft.Playwright;

namespace RazorFaces.EndToEnd.Support;

/// <summary>One Debian Chromium (driven by Playwright) and one demo node, shared by the tests of a collection.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public DemoNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // --test-hooks: the pages under /test-hooks (markup the tests need that is not a demo).
        Node = await DemoNode.StartAsync("e2e-1", "--test-hooks", "true");
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Node.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies, so its own session) with a page on the demo node.</summary>
    public async Task<IPage> NewPageAsync(string path, IBrowserContext? context = null)
    {
        context ??= await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Node.Address.ToString() });
        return await Chromium.OpenAsync(context, path);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

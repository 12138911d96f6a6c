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
        Node = await DemoNode.StartAsync("e2e-1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("RF_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
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
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        await page.GotoAsync(path);
        await page.WaitForFunctionAsync("() => window.RazorFaces && window.RazorFaces.status === 'connected'");
        return page;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

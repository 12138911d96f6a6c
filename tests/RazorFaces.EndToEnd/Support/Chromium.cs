using Microsoft.Playwright;

namespace RazorFaces.EndToEnd.Support;

/// <summary>Launches the Debian Chromium the end-to-end tests drive.</summary>
internal static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        // Assertions wait for a condition, never a fixed time; a generous limit only matters on a machine so busy
        // (2 shared cores) that one round trip takes seconds.
        Assertions.SetDefaultExpectTimeout(15_000);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("RF_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>
    /// Opens <paramref name="path"/> in a new tab of <paramref name="context"/> and waits until its client is connected;
    /// <paramref name="beforeLoad"/> sees the tab before it loads (to watch its very first requests).
    /// </summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, string path, Action<IPage>? beforeLoad = null)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        beforeLoad?.Invoke(page);
        await page.GotoAsync(path);
        await page.WaitForFunctionAsync("() => window.RazorFaces && window.RazorFaces.status === 'connected'");
        return page;
    }
}

using Microsoft.Playwright;

namespace RazorFaces.Bench;

/// <summary>
/// Real Chromium pages (Playwright, the Debian /usr/bin/chromium) on one of the two apps' /counter. Both pages have
/// the same markup (<c>#count</c>, <c>#increment</c>), so every script here runs unchanged on either.
/// </summary>
internal sealed class PeerBrowser : IAsyncDisposable
{
    // Clicks until the count changes: proves the page is interactive (a Blazor Server page is prerendered first and
    // a click before its circuit starts does nothing). The element is looked up again each time because Blazor
    // replaces the prerendered nodes when the circuit starts.
    private const string ClickUntilCountChanges = """
        async (timeoutMs) => {
          const text = () => document.getElementById('count').textContent;
          const start = text();
          const until = performance.now() + timeoutMs;
          while (performance.now() < until) {
            document.getElementById('increment').click();
            const wait = performance.now() + 1000;
            while (performance.now() < wait) {
              if (text() !== start) return text();
              await new Promise(r => setTimeout(r, 20));
            }
          }
          return null;
        }
        """;

    // One click at a time: the time from click() to the MutationObserver seeing the new count in the DOM.
    private const string ClickLoop = """
        async ([count, durationMs]) => {
          const times = [];
          const stop = performance.now() + durationMs;
          for (let i = 0; i < count && performance.now() < stop; i++) {
            const before = document.getElementById('count').textContent;
            let observer;
            const updated = new Promise((resolve, reject) => {
              observer = new MutationObserver(() => {
                if (document.getElementById('count').textContent !== before) resolve(performance.now());
              });
              observer.observe(document.body, { subtree: true, childList: true, characterData: true });
              setTimeout(() => reject(new Error('no update within 10 s')), 10000);
            });
            const start = performance.now();
            document.getElementById('increment').click();
            try {
              times.push((await updated) - start);
            } finally {
              observer.disconnect();
            }
          }
          return times;
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PeerBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<PeerBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("RF_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        return new PeerBrowser(playwright, browser);
    }

    /// <summary>
    /// Opens <paramref name="app"/>'s /counter in a context of its own (its own cookies: a session of its own on
    /// RazorFaces, a circuit of its own on Blazor Server) and clicks once, which proves it interactive.
    /// </summary>
    public async Task<IPage> OpenCounterAsync(PeerApp app, Func<IPage, Task>? beforeLoad = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Node.Address.ToString() });
        try
        {
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(60_000);
            if (beforeLoad is not null)
            {
                await beforeLoad(page);
            }
            await page.GotoAsync("counter");
            if (app.IsRazorFaces)
            {
                await page.WaitForFunctionAsync("() => window.RazorFaces && window.RazorFaces.status === 'connected'");
            }
            if (await page.EvaluateAsync<string?>(ClickUntilCountChanges, 30_000) is null)
            {
                throw new InvalidOperationException($"{app.Name}: /counter did not answer a click within 30 s.");
            }
            return page;
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>Clicks up to <paramref name="count"/> times, one after the other; milliseconds from click to DOM updated.</summary>
    public static async Task<double[]> ClickLoopAsync(IPage page, int count, TimeSpan limit) =>
        await page.EvaluateAsync<double[]>(ClickLoop, new object[] { count, limit.TotalMilliseconds });

    /// <summary>The count the page shows now.</summary>
    public static async Task<string?> CountAsync(IPage page) =>
        await page.EvaluateAsync<string?>("() => document.getElementById('count')?.textContent ?? null");

    public static async Task CloseAsync(IPage page) => await page.Context.CloseAsync();

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>One app under measurement: its process and how its pages are told apart.</summary>
internal sealed record PeerApp(string Name, AppProcess Node, bool IsRazorFaces);

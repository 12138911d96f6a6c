using System.Text.Json;
using Microsoft.Playwright;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>
/// A Chromium tab on the demo that records, from its first script on, every connection status it showed and
/// every view number it reached (with the view's text at that number), and counts full page loads, so a test
/// can assert "never expired", "never reloaded" and "no view number with two contents".
/// </summary>
public sealed class ClusterPage
{
    // Runs before the page's own scripts; a MutationObserver callback sees a patch and the new data-rf-n together.
    private const string Probe = """
        (() => {
          const log = window.__rf = { statuses: [], views: [] };
          const record = () => {
            const status = document.documentElement.getAttribute('data-rf-status');
            if (status && log.statuses[log.statuses.length - 1] !== status) log.statuses.push(status);
            const root = document.getElementById('rf-root');
            if (!root) return;
            const v = root.getAttribute('data-rf-view'), n = Number(root.getAttribute('data-rf-n'));
            const last = log.views[log.views.length - 1];
            if (!last || last.v !== v || last.n !== n) log.views.push({ v, n, text: root.textContent });
          };
          new MutationObserver(record).observe(document, { attributes: true, childList: true, characterData: true, subtree: true });
        })();
        """;

    private int _loads;

    private ClusterPage(IPage page) => Page = page;

    public IPage Page { get; }

    /// <summary>Full document loads (1 after opening; a reload or failover by reloading makes it more).</summary>
    public int Loads => Volatile.Read(ref _loads);

    public static async Task<ClusterPage> OpenAsync(IBrowserContext context, Uri address)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.AddInitScriptAsync(Probe);
        var probe = new ClusterPage(page);
        page.Load += (_, _) => Interlocked.Increment(ref probe._loads);
        await page.GotoAsync(address.ToString());
        await page.WaitForFunctionAsync("() => window.RazorFaces && window.RazorFaces.status === 'connected'");
        return probe;
    }

    public Task<string> TextAsync(string selector) => Page.Locator(selector).InnerTextAsync();

    public async Task ClickAsync(string selector) => await Page.Locator(selector).ClickAsync();

    /// <summary>
    /// Clicks the element <paramref name="selector"/> finds at this instant, from script. For pages whose root is
    /// replaced all the time (round robin without stickiness refreshes on every poll), where Playwright's
    /// actionability checks would wait for a stable element forever.
    /// </summary>
    public Task ClickNowAsync(string selector) => Page.EvaluateAsync("s => document.querySelector(s).click()", selector);

    /// <summary>Waits (up to 30 s) until <paramref name="selector"/> shows <paramref name="text"/>.</summary>
    public async Task WaitForTextAsync(string selector, string text)
    {
        try
        {
            await Page.WaitForFunctionAsync(
                "([s, t]) => document.querySelector(s)?.textContent?.trim() === t", new object[] { selector, text });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"'{selector}' never showed '{text}'; it shows '{await Page.Locator(selector).TextContentAsync()}'. {await DescribeAsync()}", e);
        }
    }

    /// <summary>Waits until the footer names a node other than <paramref name="node"/>; returns that node.</summary>
    public async Task<string> WaitForServedByOtherThanAsync(string node)
    {
        await Page.WaitForFunctionAsync("n => { const s = document.querySelector('#served-by')?.textContent; return s && s !== n; }", node);
        return await TextAsync("#served-by");
    }

    public Task<string> StatusAsync() => Page.EvaluateAsync<string>("() => window.RazorFaces.status");

    /// <summary>Every status the page showed, in order, starting with <c>connected</c>.</summary>
    public async Task<IReadOnlyList<string>> StatusesAsync() => await Page.EvaluateAsync<string[]>("() => window.__rf.statuses");

    public Task<int> StatAsync(string name) => Page.EvaluateAsync<int>("n => window.RazorFaces.stats[n]", name);

    /// <summary>Every (view, n) the page reached that was reached before with a different text.</summary>
    public async Task<IReadOnlyList<string>> ViewNumberCollisionsAsync()
    {
        var views = await Page.EvaluateAsync<JsonElement>("() => window.__rf.views");
        var seen = new Dictionary<(string, int), string>();
        var collisions = new List<string>();
        var previous = new Dictionary<string, int>();
        foreach (var entry in views.EnumerateArray())
        {
            var view = entry.GetProperty("v").GetString() ?? string.Empty;
            var n = entry.GetProperty("n").GetInt32();
            var text = entry.GetProperty("text").GetString() ?? string.Empty;
            if (seen.TryGetValue((view, n), out var before) && before != text)
            {
                collisions.Add($"view {view} n={n}: '{before}' then '{text}'");
            }
            if (previous.TryGetValue(view, out var last) && n < last)
            {
                collisions.Add($"view {view} went back from n={last} to n={n}");
            }
            seen[(view, n)] = text;
            previous[view] = n;
        }
        return collisions;
    }

    public async Task<string> DescribeAsync()
    {
        try
        {
            return $"status={await StatusAsync()} statuses=[{string.Join(",", await StatusesAsync())}] loads={Loads} " +
                $"stats={await Page.EvaluateAsync<JsonElement>("() => window.RazorFaces.stats")}";
        }
        catch (PlaywrightException e)
        {
            return "(page not readable: " + e.Message + ")";
        }
    }
}

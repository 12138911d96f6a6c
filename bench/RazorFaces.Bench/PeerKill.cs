using System.Diagnostics;
using Microsoft.Playwright;

namespace RazorFaces.Bench;

/// <summary>What one user saw when the node serving their /counter got SIGKILL and was started again on its port.</summary>
/// <param name="RestartMs">From the kill until the new process answered <c>/healthz</c>.</param>
/// <param name="AnsweredMs">From the kill until a click was answered again (null: not within the limit).</param>
/// <param name="CountAfter">The count the first answered click showed; the count was 3 before the kill.</param>
/// <param name="Reloads">Full page loads of the tab after the kill (by the app's own client; the user did none).</param>
/// <param name="Seen">What the page showed, each change with its time after the kill.</param>
internal sealed record PeerKillResult(string App, double RestartMs, double? AnsweredMs, string? CountAfter, int Reloads, IReadOnlyList<(double Ms, string State)> Seen);

/// <summary>
/// A real kill: one page on /counter clicked to 3, the serving process SIGKILLed and started again at once on the
/// same port, and the user clicks once every ~2 s (a click not answered within 1.5 s counts as not answered) until a
/// click is answered. Meanwhile the page's state is sampled every 50 ms: RazorFaces' <c>html[data-rf-status]</c>,
/// Blazor's reconnect dialog and its text, and the count.
/// </summary>
internal static class PeerKill
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(40);

    private const string State = """
        () => {
          const rf = document.documentElement.dataset.rfStatus;
          const host = document.getElementById('components-reconnect-modal');
          let dialog = '';
          if (host && getComputedStyle(host).display !== 'none') {
            const status = (host.shadowRoot || host).querySelector('p');
            dialog = 'Blazor dialog "' + (status ? status.textContent : host.textContent).trim() + '", ';
          }
          return (rf ? 'status ' + rf + ', ' : '') + dialog + 'count ' + (document.getElementById('count')?.textContent ?? '(none)');
        }
        """;

    private const string ClickOnce = """
        async (ms) => {
          const text = () => document.getElementById('count')?.textContent;
          const before = text();
          document.getElementById('increment')?.click();
          const until = performance.now() + ms;
          while (performance.now() < until) {
            if (text() !== before) return text();
            await new Promise(r => setTimeout(r, 20));
          }
          return null;
        }
        """;

    public static async Task<PeerKillResult> RunAsync(PeerBrowser browser, PeerApp app)
    {
        var page = await browser.OpenCounterAsync(app);
        await PeerBrowser.ClickLoopAsync(page, 2, TimeSpan.FromSeconds(20));
        if (await PeerBrowser.CountAsync(page) != "3")
        {
            throw new InvalidOperationException($"{app.Name}: /counter did not reach 3 before the kill.");
        }
        var reloads = 0;
        page.Load += (_, _) => Interlocked.Increment(ref reloads);
        var seen = new List<(double, string)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var sampling = SampleAsync(page, seen, clock, stop.Token);

        await app.Node.KillAsync();
        clock.Restart();
        await app.Node.RestartAsync();
        var restartMs = clock.Elapsed.TotalMilliseconds;

        double? answeredMs = null;
        string? countAfter = null;
        while (clock.Elapsed < Limit && answeredMs is null)
        {
            try
            {
                if (await page.EvaluateAsync<string?>(ClickOnce, 1500) is { } count)
                {
                    answeredMs = clock.Elapsed.TotalMilliseconds;
                    countAfter = count;
                }
            }
            catch (PlaywrightException)
            {
                // The page is being reloaded (its scripts' context is gone): the user clicks again on the new page.
            }
            if (answeredMs is null)
            {
                await Task.Delay(500);
            }
        }
        await Task.Delay(500);
        await stop.CancelAsync();
        await sampling;
        await PeerBrowser.CloseAsync(page);
        return new PeerKillResult(app.Name, restartMs, answeredMs, countAfter, reloads, seen);
    }

    private static async Task SampleAsync(IPage page, List<(double, string)> seen, Stopwatch clock, CancellationToken stop)
    {
        string? last = null;
        while (!stop.IsCancellationRequested)
        {
            string state;
            try
            {
                state = await page.EvaluateAsync<string>(State);
            }
            catch (PlaywrightException)
            {
                state = "(page loading)";
            }
            if (state != last)
            {
                lock (seen)
                {
                    seen.Add((clock.Elapsed.TotalMilliseconds, state));
                }
                last = state;
            }
            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}

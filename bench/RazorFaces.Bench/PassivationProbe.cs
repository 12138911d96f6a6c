using RazorFaces.Session;
using RazorFaces.Views;

namespace RazorFaces.Bench;

/// <summary>Server memory per /counter view while live and after every live view was dropped (passivated).</summary>
/// <param name="StoredBytesPerSession">The session's field values in the store (meta + view record), for comparison.</param>
internal sealed record PassivationResult(
    string Scenario, int Views, long LiveBytesPerView, long PassivatedBytesPerView, long StoredBytesPerSession, int Rebuilt);

/// <summary>
/// Opens views (each in its own session, as the existing memory probe does) through the page endpoint, measures
/// the managed heap against a baseline, drops every live view with <see cref="ViewRegistry.RemoveAllAsync"/>
/// (their records stay in the store, exactly what idle passivation does) and measures again. Then clicks in a
/// few of the passivated views to prove they still work (rebuilt from their records).
/// </summary>
internal static class PassivationProbe
{
    public const int Clicks = 3;
    private const int Checked = 10;

    public static async Task<PassivationResult> RunAsync(BenchServer server, BenchSettings settings, TextWriter log)
    {
        using var http = HttpClients.Create();
        var views = server.Services.GetRequiredService<ViewRegistry>();
        var store = server.Services.GetRequiredService<ISessionStore>();
        var count = settings.Views;
        await views.RemoveAllAsync();
        // First-use costs (JIT, caches, pools) go into the baseline, not into the views.
        await OpenAsync(server, http);
        await views.RemoveAllAsync();

        var baseline = MemoryProbe.CollectFully();
        // A few browsers are kept to click again later; the rest are dropped so client objects are not measured.
        var kept = new List<SimulatedBrowser>();
        for (var i = 0; i < count; i++)
        {
            var browser = await OpenAsync(server, http);
            if (i < Checked)
            {
                kept.Add(browser);
            }
        }
        var live = MemoryProbe.CollectFully();
        if (views.Count != count)
        {
            throw new InvalidOperationException($"Expected {count} live views, found {views.Count}.");
        }

        await views.RemoveAllAsync();
        var passivated = MemoryProbe.CollectFully();
        if (views.Count != 0)
        {
            throw new InvalidOperationException($"{views.Count} views are still live after RemoveAllAsync.");
        }
        var stored = (await SessionSizeProbe.FieldsAsync(store, kept[0].SessionId)).Values.Sum(v => v.Length);

        // Passivated, not lost: the next click rebuilds each view from its record and carries on counting.
        foreach (var browser in kept)
        {
            await browser.ClickIncrementAsync();
        }
        GC.KeepAlive(kept);

        var scenario = $"/counter after {Clicks} clicks";
        var result = new PassivationResult(scenario, count, (live - baseline) / count, (passivated - baseline) / count, stored, kept.Count);
        log.WriteLine($"{scenario}: {result.LiveBytesPerView / 1024.0:0.0} KB per live view, {result.PassivatedBytesPerView / 1024.0:0.0} KB per passivated view, {stored} bytes stored per session");
        return result;
    }

    private static async Task<SimulatedBrowser> OpenAsync(BenchServer server, HttpClient http)
    {
        var browser = new SimulatedBrowser(http, server.Address);
        await browser.OpenAsync("/counter");
        for (var i = 0; i < Clicks; i++)
        {
            await browser.ClickIncrementAsync();
        }
        return browser;
    }
}

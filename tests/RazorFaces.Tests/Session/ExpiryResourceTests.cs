using Microsoft.Extensions.Time.Testing;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Session;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Views;
using Xunit.Abstractions;

namespace RazorFaces.Tests.Session;

/// <summary>
/// A crowd of sessions expiring while as many others stay live: everything of the expired ones is let go (store
/// entries, cached session objects, live views), nothing of the live ones, and a live user's clicks go on meanwhile.
/// Costs and memory are printed (figures in docs/performance.md, "Expiry"), never asserted: the machine is shared.
/// </summary>
public sealed class ExpiryResourceTests(ITestOutputHelper output)
{
    // RF_EXPIRY_SESSIONS scales the run up for the figures in docs/performance.md (10,000 there); the suite runs 1,000
    // beside its other tests on two shared cores, hence the generous waits below.
    private static readonly int Expiring = int.TryParse(Environment.GetEnvironmentVariable("RF_EXPIRY_SESSIONS"), out var n) ? n : 1000;
    private static readonly int Live = Expiring;
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public async Task SessionsLeftToExpireAmongLiveOnesAreEndedWithTheirViewsAndTheLiveOnesKeepWorking()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(
            // Passivation would also drop the live views while the clock jumps; this test is about expiry.
            o => o.Views.PassivateAfter = TimeSpan.FromDays(1),
            s => s.AddSingleton<TimeProvider>(clock));
        var store = (InMemorySessionStore)server.Services.GetRequiredService<ISessionStore>();
        var sessions = server.Services.GetRequiredService<SessionManager>();
        var endService = server.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SessionEndService>().Single();
        var baseline = Memory();

        var live = await OpenAsync(server, Live);
        var afterLive = Memory();
        // Only the ids of the expiring sessions are kept: their test clients' documents would count as server memory.
        var expiring = new List<string>();
        foreach (var (browser, _) in await OpenAsync(server, Expiring))
        {
            expiring.Add(browser.SessionId);
            browser.Dispose();
        }
        var afterAll = Memory();
        clock.Advance(TimeSpan.FromMinutes(20));
        foreach (var (_, view) in live)
        {
            Assert.True((await view.ClickAsync("#increment")).IsSuccess);
        }
        Assert.Equal((Live + Expiring, Live + Expiring), (store.Count, server.Registry().Count));

        // A live user clicks on while the expiring sessions' time runs out (the live ones were used 15 minutes ago)
        // and the end service's timer, moved by the clock, ends them.
        var user = live[0].View;
        var clicks = new List<double>();
        using var stopClicking = new CancellationTokenSource();
        var clicking = Task.Run(async () =>
        {
            while (!stopClicking.IsCancellationRequested)
            {
                var click = Stopwatch.StartNew();
                var answer = await user.ClickAsync("#increment");
                Assert.True(answer.IsSuccess, answer.ToString());
                clicks.Add(click.Elapsed.TotalMilliseconds);
            }
        });
        var ending = Stopwatch.StartNew();
        clock.Advance(TimeSpan.FromMinutes(15));
        // Two claimers racing (and the service's own timer, moved by the clock): when both are done, none is left. A
        // claimer used to stop at its first short batch, which a race makes, and leave the rest to its next tick.
        await Task.WhenAll(endService.EndExpiredAsync(CancellationToken.None), endService.EndExpiredAsync(CancellationToken.None));
        Assert.Equal(Live, store.Count);
        ending.Stop();
        await stopClicking.CancelAsync();
        await clicking;
        await Eventually.TrueAsync(() => server.Registry().Count == Live && sessions.CachedCount == Live, "their views and cached objects go", TimeSpan.FromMinutes(2));
        var afterExpiry = Memory();

        foreach (var (browser, view) in live.Take(50))
        {
            Assert.True((await view.ClickAsync("#increment")).IsSuccess);
            Assert.NotNull(await store.LoadAsync(browser.SessionId));
        }
        foreach (var id in expiring)
        {
            Assert.Null(await store.LoadAsync(id));
        }
        clicks.Sort();
        output.WriteLine($"{Expiring} sessions expired among {Live} live: ended in {ending.Elapsed.TotalMilliseconds:F0} ms " +
            $"({Expiring / ending.Elapsed.TotalSeconds:F0}/s); a live user's clicks meanwhile: {clicks.Count}, " +
            $"p50 {Percentile(clicks, 0.5):F2} ms, max {(clicks.Count > 0 ? clicks[^1] : 0):F2} ms");
        output.WriteLine($"managed memory: baseline {baseline:F1} MB, +{Live} live {afterLive:F1} MB, +{Expiring} expiring {afterAll:F1} MB, " +
            $"after expiry {afterExpiry:F1} MB ({(afterAll - afterExpiry) / (afterAll - afterLive) * 100:F0}% of what the expiring sessions took came back)");
        foreach (var (browser, _) in live)
        {
            browser.Dispose();
        }
    }

    private static async Task<List<(BrowserSession Browser, ViewClient View)>> OpenAsync(RazorFacesTestServer server, int count)
    {
        var opened = new List<(BrowserSession, ViewClient)>(count);
        for (var i = 0; i < count; i++)
        {
            var browser = server.NewBrowser();
            opened.Add((browser, await browser.OpenAsync("counter")));
        }
        return opened;
    }

    private static double Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, sorted.Count * p)];
}

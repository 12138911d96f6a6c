using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Protocol;
using RazorFaces.Push;
using RazorFaces.Session;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Support.TestPages;
using RazorFaces.Views;

namespace RazorFaces.Tests.Push;

/// <summary>
/// Pushing one group to many views (milestone 5): views run a few at a time (<c>PushConcurrency</c>), share what
/// they load through <see cref="PushContext"/>, and keep their order with the user's own events.
/// </summary>
public sealed class FanOutTests : IDisposable
{
    private const string Group = "fan-out";

    private readonly List<BrowserSession> _browsers = [];

    [Fact]
    public async Task EveryViewOfAGroupGetsThePushWhileTheSharedValueIsLoadedOncePerPush()
    {
        var probe = new FanOutProbe();
        await using var server = await StartAsync(probe, concurrency: 3);
        var views = await OpenAsync(server, 12);

        probe.Value = "v1";
        await Scheduler(server).RenderLocalGroupAsync(Group);
        await Task.WhenAll(views.Select(v => v.PollUntilAsync(p => p.Text("#value") == "v1")));
        Assert.Equal(1, probe.Loads);

        probe.Value = "v2";
        await Scheduler(server).RenderGroupAsync(Group);
        await Task.WhenAll(views.Select(v => v.PollUntilAsync(p => p.Text("#value") == "v2")));
        Assert.Equal(2, probe.Loads);
        Assert.True(await views[0].IsInSyncWithServerAsync(), views[0].Html);
    }

    [Fact]
    public async Task NoMoreViewsThanTheConcurrencyRunAtOnceAndEachQueuedViewRunsOnce()
    {
        var probe = new FanOutProbe();
        await using var server = await StartAsync(probe, concurrency: 2);
        var views = await OpenAsync(server, 10);

        probe.Value = "v1";
        await Task.WhenAll(Scheduler(server).RenderLocalGroupAsync(Group), Scheduler(server).RenderLocalGroupAsync(Group));
        await Task.WhenAll(views.Select(v => v.PollUntilAsync(p => p.Text("#value") == "v1")));

        Assert.InRange(probe.MostRunning, 1, 2);
        // Two pushes queued together: a view that had not started when the second came runs once for both.
        Assert.InRange(probe.Handled.Count, 10, 20);
        Assert.Equal(10, probe.Handled.Distinct().Count());

        // The workers ended with the queue; a later push starts them again.
        probe.Value = "v2";
        await Scheduler(server).RenderLocalGroupAsync(Group);
        await Task.WhenAll(views.Select(v => v.PollUntilAsync(p => p.Text("#value") == "v2")));
        Assert.InRange(probe.MostRunning, 1, 2);
    }

    [Fact]
    public async Task AViewWhosePushHandlerThrowsDoesNotStopTheOtherViews()
    {
        var probe = new FanOutProbe();
        // One slot: had the failing view kept it, no other view would ever be pushed.
        await using var server = await StartAsync(probe, concurrency: 1);
        var views = await OpenAsync(server, 6);
        probe.Failing["view2"] = true;
        probe.Failing["view4"] = true;

        probe.Value = "v1";
        await Scheduler(server).RenderLocalGroupAsync(Group);

        var healthy = views.Where((_, i) => i is not (2 or 4)).ToList();
        await Task.WhenAll(healthy.Select(v => v.PollUntilAsync(p => p.Text("#value") == "v1")));
        Assert.Equal(6, probe.Handled.Count);
        Assert.Equal(1, probe.Loads);
    }

    [Fact]
    public async Task AClickIsNotHeldUpByPushesWaitingForASlot()
    {
        var probe = new FanOutProbe { Entered = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var server = await StartAsync(probe, concurrency: 1);
        var views = await OpenAsync(server, 3);

        probe.Value = "v1";
        var pushed = Scheduler(server).RenderLocalGroupAsync(Group);
        var running = await probe.Entered.Task.WaitAsync(TimeSpan.FromSeconds(15));

        // The only slot is taken by `running`'s push, which holds its session; the others wait without theirs.
        var waiting = views.First(v => !v.Url.EndsWith("/" + running, StringComparison.Ordinal));
        var answer = await waiting.ClickAsync("#click").WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(answer.IsSuccess, answer.ToString());
        Assert.Equal("1", waiting.Text("#clicks"));
        Assert.Equal("v0", waiting.Text("#value"));

        probe.Release.SetResult();
        await pushed.WaitAsync(TimeSpan.FromSeconds(15));
        await Task.WhenAll(views.Select(v => v.PollUntilAsync(p => p.Text("#value") == "v1")));
        Assert.Equal("1", waiting.Text("#clicks"));
        Assert.True(await waiting.IsInSyncWithServerAsync(), waiting.Html);
    }

    [Fact]
    public async Task AClickOnAViewWhosePushIsRunningIsAnsweredAfterThePushInOrder()
    {
        var probe = new FanOutProbe { Entered = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var server = await StartAsync(probe, concurrency: 4);
        var view = (await OpenAsync(server, 1))[0];
        var before = view.Number;

        probe.Value = "v1";
        var pushed = Scheduler(server).RenderLocalGroupAsync(Group);
        await probe.Entered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        // The push holds the session: the click waits for it, so its answer carries the push's update first.
        var click = view.ClickAsync("#click");
        probe.Release.SetResult();
        var answer = await click.WaitAsync(TimeSpan.FromSeconds(15));
        await pushed;

        Assert.True(answer.IsSuccess, answer.ToString());
        Assert.Equal([before + 1, before + 2], answer.Updates.Select(u => u.Number));
        Assert.Equal("v1", view.Text("#value"));
        Assert.Equal("1", view.Text("#clicks"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task APushThatChangesNothingOnTheViewWritesNothingToTheStore()
    {
        var probe = new FanOutProbe();
        await using var server = await StartAsync(probe, concurrency: 4);
        var view = (await OpenAsync(server, 1))[0];
        var before = await VersionAsync(server, 0);

        await Scheduler(server).RenderLocalGroupAsync(Group);
        Assert.Single(probe.Handled);
        Assert.Equal(before, await VersionAsync(server, 0));

        // A push that changed the view is saved with it (its number too: see docs/performance-work.md, "Push fan-out").
        probe.Value = "v1";
        await Scheduler(server).RenderLocalGroupAsync(Group);
        await view.PollUntilAsync(p => p.Text("#value") == "v1");
        Assert.Equal(before + 1, await VersionAsync(server, 0));
    }

    [Fact]
    public async Task APushIsSavedWithItsNumberSoAViewRebuiltAfterItGoesOnWithDiffs()
    {
        var probe = new FanOutProbe();
        await using var server = await StartAsync(probe, concurrency: 4);
        var view = (await OpenAsync(server, 1))[0];
        probe.Value = "v1";
        await Scheduler(server).RenderLocalGroupAsync(Group);
        await view.PollUntilAsync(p => p.Text("#value") == "v1");

        // Another node (here: this one, its live views gone) finds the push's number and DOM in the record, so it
        // can never answer with a number the browser already has for another page.
        await server.Services.GetRequiredService<ViewRegistry>().RemoveAllAsync();
        var answer = await view.ClickAsync("#click");
        Assert.True(answer.IsSuccess, answer.ToString());
        var update = Assert.Single(answer.Messages);
        Assert.Equal(MessageTypes.Update, update.Type);
        Assert.True(update.Rebuilt, update.Json);
        Assert.Equal("1", view.Text("#clicks"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task APushThatChangesSavedStateIsWrittenAndSurvivesLosingTheLiveView()
    {
        var probe = new FanOutProbe { KeepOnPush = true };
        await using var server = await StartAsync(probe, concurrency: 4);
        var view = (await OpenAsync(server, 1))[0];
        var before = await VersionAsync(server, 0);

        probe.Value = "v1";
        await Scheduler(server).RenderLocalGroupAsync(Group);
        await view.PollUntilAsync(p => p.Text("#kept") == "v1");
        Assert.Equal(before + 1, await VersionAsync(server, 0));

        // Rebuilt from the record the push wrote: the value the push saved is there.
        probe.Value = "v2";
        probe.KeepOnPush = false;
        await server.Services.GetRequiredService<ViewRegistry>().RemoveAllAsync();
        var answer = await view.ClickAsync("#click");
        Assert.True(answer.IsSuccess, answer.ToString());
        Assert.Equal("v1", view.Text("#kept"));
        Assert.Equal("1", view.Text("#clicks"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task ASharedValueIsLoadedOnceForManyCallersAndAgainAfterItsLoadFailed()
    {
        var push = new PushContext(Group);
        var loads = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<string> Load()
        {
            if (Interlocked.Increment(ref loads) == 1)
            {
                await gate.Task;
                throw new InvalidOperationException("first load fails");
            }
            return "loaded";
        }

        var first = Enumerable.Range(0, 5).Select(_ => push.LoadOnceAsync("k", Load)).ToList();
        gate.SetResult();
        foreach (var call in first)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => call);
        }
        Assert.Equal("loaded", await push.LoadOnceAsync("k", Load));
        Assert.Equal("loaded", await push.LoadOnceAsync("k", Load));
        Assert.Equal(2, loads);
        await Assert.ThrowsAsync<InvalidOperationException>(() => push.LoadOnceAsync("k", () => Task.FromResult(1)));
    }

    private async Task<long?> VersionAsync(RazorFacesTestServer server, int browser) =>
        await server.Services.GetRequiredService<ISessionStore>().GetVersionAsync(
            _browsers[browser].Cookies.GetCookies(server.BaseAddress)[ProtocolConstants.SessionCookie]!.Value);

    private static PushScheduler Scheduler(RazorFacesTestServer server) => server.Services.GetRequiredService<PushScheduler>();

    private static Task<RazorFacesTestServer> StartAsync(FanOutProbe probe, int concurrency) =>
        RazorFacesTestServer.StartAsync<TestApp>(
            o =>
            {
                o.Transport.PollTimeout = TimeSpan.FromSeconds(1);
                o.Push.Concurrency = concurrency;
                // A held push handler must not be cut short by the settle time (the click test relies on it).
                o.Views.EventSettleTime = TimeSpan.FromSeconds(30);
            },
            s => s.AddSingleton(probe));

    // Each view in its own session, as separate users would have them.
    private async Task<List<ViewClient>> OpenAsync(RazorFacesTestServer server, int count)
    {
        var views = new List<ViewClient>();
        for (var i = 0; i < count; i++)
        {
            var browser = server.NewBrowser();
            _browsers.Add(browser);
            views.Add(await browser.OpenAsync($"m5/fan-out/view{i}"));
        }
        return views;
    }

    public void Dispose()
    {
        foreach (var browser in _browsers)
        {
            browser.Dispose();
        }
    }
}

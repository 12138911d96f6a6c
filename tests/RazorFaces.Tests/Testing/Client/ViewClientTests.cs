using Microsoft.Extensions.Time.Testing;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Session;
using RazorFaces.Testing;
using RazorFaces.Tests.Session;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Support.TestPages;
using RazorFaces.Transport.SignalR;

namespace RazorFaces.Tests.Testing.Client;

/// <summary>
/// The shared .NET client against a real server, where it does what the browser client does on its own: close a
/// gap with a resync, recover from a patch that does not fit, retry a transient refusal, give up on a dead address.
/// </summary>
public sealed class ViewClientTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    [Fact]
    public async Task AGapThatStaysOpenIsClosedByAResyncAfterTheGapWait()
    {
        using var browser = new BrowserSession(fixture.Server.BaseAddress, new ClientOptions { GapWait = TimeSpan.FromMilliseconds(50) });
        var view = await browser.OpenAsync("counter");
        var target = view.TargetOf("#increment", "click");
        await view.Transport.SendAsync(view.EventMessage(target, "click").ToJsonString());
        var lost = await view.Transport.SendAsync(view.EventMessage(target, "click", n: 2).ToJsonString());

        // Update 2 never arrives: 3 waits, then the client asks for a refresh.
        view.Apply(lost.Updates);
        Assert.Equal(1, view.HeldBack);
        await Eventually.TrueAsync(() => view.Number == 3, "the resync's refresh was applied");
        await view.IdleAsync();

        Assert.Equal("2", view.Text("#count"));
        Assert.Equal(0, view.HeldBack);
        Assert.Empty(view.Collisions);
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task APatchThatDoesNotFitFailsTheCallThatAppliedItByDefault()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        view.Find("#count").TextContent = string.Empty;

        var error = await Assert.ThrowsAsync<PatchFidelityException>(() => view.ClickAsync("#increment"));

        Assert.Contains("does not apply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatchThatDoesNotFitIsRecoveredFromByAResyncAsInTheBrowserWhenAsked()
    {
        using var browser = new BrowserSession(fixture.Server.BaseAddress, new ClientOptions { ThrowOnUnfitPatch = false });
        var view = await browser.OpenAsync("counter");
        view.Find("#count").TextContent = string.Empty;

        var answer = await view.ClickAsync("#increment");
        await view.IdleAsync();

        Assert.True(answer.IsSuccess, answer.ToString());
        Assert.Single(view.UnfitPatches);
        Assert.Equal("1", view.Text("#count"));
        Assert.Equal(2, view.Number);
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task ANavigationTheServerRefusesMakesTheClientLoadTheAddressInFull()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");

        var answer = await view.NavigateAsync("https://example.org/elsewhere");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["https://example.org/elsewhere"], view.Locations);
        Assert.Contains("nav: 400 bad-message", view.Failures);
    }

    [Fact]
    public async Task AnAddressNobodyAnswersIsRetriedForTheTimeGivenAndThenReported()
    {
        var port = RazorFaces.TestSupport.LoopbackPorts.Next();
        using var browser = new BrowserSession(new Uri($"http://127.0.0.1:{port}/"), new ClientOptions { RetryFor = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => browser.OpenAsync("counter"));

        Assert.Contains("GET counter: HttpRequestException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABusyRefusalIsRetriedWithTheSameEventWhichIsAppliedOnce()
    {
        var clock = new FakeTimeProvider();
        var inner = new InMemorySessionStore(clock);
        var store = new RecordingSessionStore(inner);
        await using var server = await RazorFacesTestServer.StartDemoAsync(services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton<ISessionStore>(store);
        });
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var release = new TaskCompletionSource();
        var entered = store.HoldWrites(release.Task);

        var click = view.ClickAsync("#increment");
        await entered.WaitAsync(TimeSpan.FromSeconds(30));
        var stored = (await inner.LoadAsync(browser.SessionId))!;
        Assert.NotNull(await inner.SaveAsync(browser.SessionId, new SessionChanges(stored.Version, stored.Fields, [], TimeSpan.FromMinutes(30))));
        release.TrySetResult();
        var answer = await click.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(answer.IsSuccess, answer.ToString());
        Assert.Contains("event: 503 busy", view.Failures);
        Assert.Equal(ConnectionStatus.Connected, view.Status);
        Assert.Equal("1", view.Text("#count"));
        await view.ClickAsync("#increment");
        Assert.Equal("2", view.Text("#count"));
    }

    [Fact]
    public async Task ANodeOfANewerBuildMakesThePageReloadAndTheReloadContinuesTheView()
    {
        var store = new InMemorySessionStore(TimeProvider.System);
        await using var older = await RazorFacesTestServer.StartDemoAsync(services: s => s.AddSingleton<ISessionStore>(store));
        await using var newer = await RazorFacesTestServer.StartDemoAsync(o => o.Transport.ClientVersionSalt = "build-2", s => s.AddSingleton<ISessionStore>(store));
        using var browser = older.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await view.ClickAsync("#increment");
        var (viewId, version) = (view.ViewId, view.Page.ClientVersion);

        // A rolling upgrade: the load balancer sends the tab to a node of the next build.
        browser.BaseAddress = newer.BaseAddress;
        var refused = await view.ClickAsync("#increment");
        await view.IdleAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal(RazorFaces.Protocol.ErrorCodes.ClientOutdated, view.ReloadFor);
        Assert.Equal(1, view.Reloads);
        Assert.Equal(viewId, view.ViewId);
        Assert.NotEqual(version, view.Page.ClientVersion);
        Assert.Equal("1", view.Text("#count"));
        Assert.True((await view.ClickAsync("#increment")).IsSuccess);
        Assert.Equal("2", view.Text("#count"));
    }

    [Fact]
    public async Task AHubClientWhoseConnectionDroppedConnectsAgainAndWatchesFromItsNumber()
    {
        var store = new InMemorySessionStore(TimeProvider.System);
        var signal = new PushSignal();
        void Services(IServiceCollection s) => s.AddSingleton(signal).AddSingleton<ISessionStore>(store);
        var first = await RazorFacesTestServer.StartAsync<TestApp>(services: Services);
        await using var second = await RazorFacesTestServer.StartAsync<TestApp>(services: Services);
        using var browser = first.NewBrowser();
        await using var view = await browser.OpenAsync("it/push", TransportKind.SignalR);
        Assert.Equal("[]", (await view.WatchAsync()).Body);

        // The node goes away with the connection; the next one goes where a load balancer would send it.
        browser.BaseAddress = second.BaseAddress;
        await first.DisposeAsync();

        await Eventually.TrueAsync(() => second.Services.GetRequiredService<HubViewPumps>().Count == 1, "the client watched again on the second node");
        signal.Push("after the drop");
        await Eventually.TrueAsync(() => view.Text("#pushed") == "after the drop", "the second node's push arrived");
        Assert.Contains(view.Failures, f => f.StartsWith("connection:", StringComparison.Ordinal));
        Assert.Equal(ConnectionStatus.Connected, view.Status);
        Assert.Equal(2, view.Number);
    }

    [Fact]
    public async Task AnExpiredSessionShowsExpiredAndEndsTheClientsOwnPolling()
    {
        var clock = new FakeTimeProvider();
        await using var server = await RazorFacesTestServer.StartDemoAsync(o => o.Sessions.Timeout = TimeSpan.FromMinutes(30), s => s.AddSingleton<TimeProvider>(clock));
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        clock.Advance(TimeSpan.FromMinutes(31));

        var answer = await view.ClickAsync("#increment");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await view.ListenAsync(patience.Token);

        Assert.Equal(HttpStatusCode.Gone, answer.Status);
        Assert.Equal(ConnectionStatus.Expired, view.Status);
        Assert.Empty(view.Received);
    }
}

using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Tests.Support;
using RazorFaces.Views;

namespace RazorFaces.Tests.Transport.SignalR;

public sealed class HubPushTests(TestPagesServerFixture fixture) : IClassFixture<TestPagesServerFixture>
{
    [Fact]
    public async Task AnUpdateMadeOutsideARequestIsPushedToTheWatchingHubConnection()
    {
        using var browser = fixture.Server.NewBrowser();
        await using var view = await browser.OpenAsync("it/push", TransportKind.SignalR);
        var listeners = fixture.Signal.Listeners;

        Assert.Equal("[]", (await view.WatchAsync()).Body);
        fixture.Signal.Push("over the hub");

        await Eventually.TrueAsync(() => view.Text("#pushed") == "over the hub", "the push reached the hub client");
        Assert.Equal(2, view.Number);
        Assert.True(listeners >= 1);
    }

    [Fact]
    public async Task WatchingAViewThisNodeDoesNotHoldRebuildsItAndItsPushesArrive()
    {
        using var browser = fixture.Server.NewBrowser();
        await using var view = await browser.OpenAsync("it/push", TransportKind.SignalR);
        var registry = fixture.Server.Services.GetRequiredService<ViewRegistry>();
        await registry.RemoveAsync(view.ViewId);
        Assert.Null(registry.Find(view.ViewId));

        var watched = await view.WatchAsync();

        Assert.Equal("[]", watched.Body);
        Assert.NotNull(registry.Find(view.ViewId));
        fixture.Signal.Push("after a rebuild");
        await Eventually.TrueAsync(() => view.Text("#pushed") == "after a rebuild", "the rebuilt view's push reached the hub client");
    }

    [Fact]
    public async Task APumpWhoseViewIsPassivatedRebuildsItAndKeepsPushing()
    {
        using var browser = fixture.Server.NewBrowser();
        await using var view = await browser.OpenAsync("it/push", TransportKind.SignalR);
        var registry = fixture.Server.Services.GetRequiredService<ViewRegistry>();
        await view.WatchAsync();

        await registry.RemoveAsync(view.ViewId);
        await Eventually.TrueAsync(() => registry.Find(view.ViewId) is { IsDisposed: false }, "the pump rebuilt the view");
        fixture.Signal.Push("after passivation");

        await Eventually.TrueAsync(() => view.Text("#pushed") == "after passivation", "the push reached the hub client");
    }

    [Fact]
    public async Task APushedViewThatIsPassivatedAndRebuiltDifferentlyIsRefreshedAndKeepsPushing()
    {
        using var browser = fixture.Server.NewBrowser();
        await using var view = await browser.OpenAsync("it/push", TransportKind.SignalR);
        var registry = fixture.Server.Services.GetRequiredService<ViewRegistry>();
        await view.WatchAsync();
        fixture.Signal.Push("before");
        await Eventually.TrueAsync(() => view.Text("#pushed") == "before", "the first push reached the hub client");

        // Rebuilt from its record, the view renders other content than the browser shows (the pushed text is not
        // saved state): the browser must get a refresh, and the pushes after it.
        await registry.RemoveAsync(view.ViewId);
        await Eventually.TrueAsync(() => registry.Find(view.ViewId) is { IsDisposed: false }, "the pump rebuilt the view");
        await Eventually.TrueAsync(() => view.Text("#pushed") != "before", "the rebuilt view's refresh reached the hub client");
        fixture.Signal.Push("after");

        await Eventually.TrueAsync(() => view.Text("#pushed") == "after", "the push after the rebuild reached the hub client");
    }
}

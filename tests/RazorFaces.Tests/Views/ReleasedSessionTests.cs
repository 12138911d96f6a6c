using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.Tests.Beans;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Views;

/// <summary>
/// docs/design.md, "Views" (session layer): once no live view of a node is built on a saved session object, the node lets the
/// object go (the store holds it) and the next request reads it back — a passivated view costs its stored bytes only.
/// </summary>
public sealed class ReleasedSessionTests
{
    [Fact]
    public async Task APassivatedViewsSessionObjectIsLetGoAndTheNextClickCarriesOnWithAMinimalUpdate()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(o => o.EnableTestHooks = true);
        var sessions = server.Services.GetRequiredService<SessionManager>();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await view.ClickAsync("#increment");
        var saved = view.Number;
        Assert.Equal(1, sessions.CachedCount);

        await browser.PassivateAllThroughTheHookAsync();
        Assert.Equal(0, sessions.CachedCount);

        var answer = await view.ClickAsync("#increment");
        var update = Assert.Single(answer.Messages);
        Assert.Equal(MessageTypes.Update, update.Type);
        Assert.True(update.Rebuilt, update.Json);
        Assert.Equal(saved + 1, update.Number);
        Assert.Equal(1, update.PatchCount);
        Assert.Equal("2", view.Text("#count"));
        Assert.Equal(1, sessions.CachedCount);
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task ASessionWithALiveViewLeftIsKeptAndItsSessionBeanStaysSharedByBothTabs()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        var sessions = server.Services.GetRequiredService<SessionManager>();
        using var browser = server.NewBrowser();
        var first = await browser.OpenAsync("cart");
        var second = await browser.OpenAsync("cart");
        await BeanScopeTests.AddToCartAsync(first, "tea");

        await server.Registry().RemoveAsync(first.ViewId);
        Assert.Equal(0, await sessions.ReleaseUnusedAsync());
        Assert.Equal(1, sessions.CachedCount);

        await server.Registry().RemoveAsync(second.ViewId);
        Assert.Equal(1, await sessions.ReleaseUnusedAsync());
        Assert.Equal(0, sessions.CachedCount);

        // Both tabs come back on the one object read from the store, the bean they share included.
        await BeanScopeTests.AddToCartAsync(second, "bread");
        await BeanScopeTests.AddToCartAsync(first, "jam");
        Assert.Equal("3", first.Text("#cart-count"));
        await BeanScopeTests.AddToCartAsync(second, "milk");
        Assert.Equal("4", second.Text("#cart-count"));
        Assert.True(await second.IsInSyncWithServerAsync(), second.Html);
    }
}

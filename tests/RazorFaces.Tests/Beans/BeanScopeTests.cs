using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Protocol;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Support.TestPages;
using RazorFaces.Tests.Views;

namespace RazorFaces.Tests.Beans;

/// <summary>Session beans are shared by the tabs of one session; view beans belong to one view (milestone 2, item 1).</summary>
public sealed class BeanScopeTests
{
    [Fact]
    public async Task ASessionBeanIsSharedByTheTabsOfOneSessionButNotByAnotherSession()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var browser = server.NewBrowser();
        var firstTab = await browser.OpenAsync("cart");
        var secondTab = await browser.OpenAsync("cart");

        await AddToCartAsync(firstTab, "tea");
        await AddToCartAsync(secondTab, "milk");

        Assert.Equal(["tea", "milk"], Items(secondTab));
        Assert.Equal("2", secondTab.Text("#cart-count"));
        var thirdTab = await browser.OpenAsync("cart");
        Assert.Equal(["tea", "milk"], Items(thirdTab));

        using var otherBrowser = server.NewBrowser();
        var otherSession = await otherBrowser.OpenAsync("cart");
        Assert.Empty(Items(otherSession));
        Assert.Equal("0", otherSession.Text("#cart-count"));
    }

    [Fact]
    public async Task AViewBeanBelongsToOneViewAndSurvivesARebuild()
    {
        await using var server = await RazorFacesTestServer.StartAsync<TestApp>(services: s => s.AddViewBean<NoteBean>());
        using var browser = server.NewBrowser();
        var firstTab = await browser.OpenAsync("m2/notes");
        var secondTab = await browser.OpenAsync("m2/notes");
        await firstTab.ClickAsync("#add-note");
        await firstTab.ClickAsync("#add-note");
        await secondTab.ClickAsync("#add-note");
        Assert.Equal("2", firstTab.Text("#note-count"));
        Assert.Equal("1", secondTab.Text("#note-count"));

        await server.Registry().RemoveAllAsync();
        var answer = await firstTab.ClickAsync("#add-note");

        // The bean came back with the view, so the rebuilt DOM matched and a plain update followed.
        var update = Assert.Single(answer.Messages);
        Assert.Equal(MessageTypes.Update, update.Type);
        Assert.True(update.Rebuilt, update.Json);
        Assert.Equal("3", firstTab.Text("#note-count"));
        Assert.Equal(["note 1", "note 2", "note 3"], firstTab.Find("#notes").Children.Select(li => li.TextContent));
        await secondTab.ClickAsync("#add-note");
        Assert.Equal("2", secondTab.Text("#note-count"));
        var newTab = await browser.OpenAsync("m2/notes");
        Assert.Equal("0", newTab.Text("#note-count"));
    }

    [Fact]
    public async Task TheCartSurvivesDroppingEveryLiveView()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(o => o.EnableTestHooks = true);
        using var browser = server.NewBrowser();
        var tab = await browser.OpenAsync("cart");
        await AddToCartAsync(tab, "tea");
        await AddToCartAsync(tab, "bread");

        await browser.PassivateAllThroughTheHookAsync();
        Assert.Equal(0, server.Registry().Count);

        var newTab = await browser.OpenAsync("cart");
        Assert.Equal(["tea", "bread"], Items(newTab));
        await AddToCartAsync(tab, "jam");
        Assert.Equal(["tea", "bread", "jam"], Items(tab));
        Assert.Equal("3", tab.Text("#cart-count"));
        Assert.True(await tab.IsInSyncWithServerAsync(), tab.Html);
    }

    internal static async Task AddToCartAsync(ViewClient tab, string item)
    {
        var typed = await tab.ChangeAsync("#item-name", item);
        Assert.True(typed.IsSuccess, typed.ToString());
        var added = await tab.ClickAsync("#add-item");
        Assert.True(added.IsSuccess, added.ToString());
    }

    private static IEnumerable<string> Items(ViewClient tab) =>
        tab.Find("#cart-items").Children.Select(li => li.FirstChild!.TextContent.Trim());
}

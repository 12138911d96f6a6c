using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Integration;

public sealed class TodosTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    [Fact]
    public async Task AddingMovingAndRemovingItemsKeepsThePatchedDocumentEqualToTheServersRender()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("todos");

        foreach (var text in new[] { "Milk", "Eggs", "Bread" })
        {
            await view.InputAsync("#todo-text", text);
            var added = await view.ClickAsync("#add-todo");
            Assert.True(added.IsSuccess, added.ToString());
            Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
        }
        Assert.Equal(["Milk", "Eggs", "Bread"], Items(view));
        Assert.Equal("", view.Find("#todo-text").GetAttribute("value"));

        await view.ClickAsync("li[data-id='3'] .move-up");
        Assert.Equal(["Milk", "Bread", "Eggs"], Items(view));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);

        await view.ClickAsync("li[data-id='3'] .move-up");
        Assert.Equal(["Bread", "Milk", "Eggs"], Items(view));
        Assert.True(view.Find("li[data-id='3'] .move-up").HasAttribute("disabled"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);

        await view.ClickAsync("li[data-id='1'] .remove");
        Assert.Equal(["Bread", "Eggs"], Items(view));
        Assert.Equal("2 item(s)", view.Text("#todo-count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task TypingIntoTheBoundInputNeverPatchesTheInputBackWhenTheServerRendersTheSameValue()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("todos");

        var answer = await view.InputAsync("#todo-text", "Tea");

        // The server records what the browser already shows, so echoing it back would be a wasted patch
        // (and could clobber what the user typed meanwhile): the one patch is the character count.
        var update = Assert.Single(answer.Updates);
        Assert.Equal("""[[1,[2,2,4,0],"3 / 80"]]""", update.Patches.GetRawText());
        Assert.Equal("3 / 80", view.Text("#todo-chars"));
        Assert.Equal(2, view.Number);
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    private static string[] Items(ViewClient view) =>
        [.. view.Root.QuerySelectorAll("#todo-list .todo-text").Select(e => e.TextContent)];
}

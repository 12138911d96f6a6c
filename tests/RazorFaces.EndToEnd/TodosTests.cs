using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class TodosTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TypingKeepsFocusAndCaretWhileEveryKeystrokeGoesToTheServer()
    {
        var page = await fixture.NewPageAsync("todos");
        await page.FocusAsync("#todo-text");
        await page.Keyboard.TypeAsync("milk and honey", new KeyboardTypeOptions { Delay = 15 });

        // The server re-renders the character count on every keystroke: patches arrive while the user types.
        await Assertions.Expect(page.Locator("#todo-chars")).ToHaveTextAsync("14 / 80");
        Assert.True(await page.EvaluateAsync<int>("() => window.RazorFaces.stats.updates") >= 14);
        Assert.Equal("milk and honey", await page.InputValueAsync("#todo-text"));
        Assert.Equal("todo-text", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Equal(14, await page.EvaluateAsync<int>("() => document.activeElement.selectionStart"));

        await page.Keyboard.PressAsync("Home");
        await page.Keyboard.TypeAsync("fresh ");
        await Assertions.Expect(page.Locator("#todo-chars")).ToHaveTextAsync("20 / 80");
        Assert.Equal("fresh milk and honey", await page.InputValueAsync("#todo-text"));
        Assert.Equal(6, await page.EvaluateAsync<int>("() => document.activeElement.selectionStart"));

        await page.ClickAsync("#add-todo");
        await Assertions.Expect(page.Locator("#todo-list li .todo-text")).ToHaveTextAsync(["fresh milk and honey"]);
    }

    [Fact]
    public async Task AddRemoveAndMoveUpKeepTheListInOrderAndFocusOnTheMovedButton()
    {
        var page = await fixture.NewPageAsync("todos");
        foreach (var text in new[] { "one", "two", "three" })
        {
            await page.FillAsync("#todo-text", text);
            await page.ClickAsync("#add-todo");
            await Assertions.Expect(page.Locator("#todo-text")).ToHaveValueAsync(string.Empty);
        }
        await Assertions.Expect(page.Locator("#todo-list li .todo-text")).ToHaveTextAsync(["one", "two", "three"]);

        var three = page.Locator("#todo-list li", new PageLocatorOptions { HasText = "three" });
        await three.Locator(".move-up").FocusAsync();
        await three.Locator(".move-up").ClickAsync();
        await Assertions.Expect(page.Locator("#todo-list li .todo-text")).ToHaveTextAsync(["one", "three", "two"]);
        // The li was moved, not rebuilt: the focused button is the same element, still focused.
        Assert.Equal("three", await page.EvaluateAsync<string>(
            "() => document.activeElement.closest('li').querySelector('.todo-text').textContent"));

        await page.Locator("#todo-list li", new PageLocatorOptions { HasText = "one" }).Locator(".remove").ClickAsync();
        await Assertions.Expect(page.Locator("#todo-list li .todo-text")).ToHaveTextAsync(["three", "two"]);
        await Assertions.Expect(page.Locator("#todo-count")).ToHaveTextAsync("2 item(s)");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.RazorFaces.stats.fullRefreshes"));
    }

    [Fact]
    public async Task InAppLinksNavigateTheViewInPlaceWithoutReloadingThePage()
    {
        var page = await fixture.NewPageAsync("counter");
        await page.EvaluateAsync("() => window.__marker = 42");

        await page.ClickAsync("#nav-todos");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("To-do list");
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(fixture.Node.Address, "todos").ToString());
        Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__marker"));

        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Counter");
        Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__marker"));
    }
}

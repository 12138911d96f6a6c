using Demo.App;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Dom;
using RazorFaces.Testing;

namespace RazorFaces.Tests.Rendering;

public sealed class DemoPageTests : IAsyncLifetime
{
    private readonly RazorFacesTestContext _context = new();

    public Task InitializeAsync()
    {
        _context.Services.AddSingleton(new NodeInfo("test-node"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task CounterClickSendsOneTextPatch()
    {
        var page = await _context.RenderRouteAsync<App>("/counter");
        Assert.Equal("0", page.Find("#count").TextContent);

        await page.ClickAsync("#increment");

        Assert.Equal("1", page.Find("#count").TextContent);
        var patch = Assert.IsType<SetTextPatch>(Assert.Single(page.LastPatches));
        Assert.Equal("1", patch.Text);
        Assert.Equal(2, page.ViewNumber);
    }

    [Fact]
    public async Task EveryPageShowsTheLayoutWithTheNodeName()
    {
        var page = await _context.RenderRouteAsync<App>("/");

        Assert.Equal("test-node", page.Find("#served-by").TextContent);
        Assert.Equal(4, page.FindAll("main li a").Count);
    }

    [Fact]
    public async Task TodosAddedAppearInOrderAndClearTheInput()
    {
        var page = await _context.RenderRouteAsync<App>("/todos");

        await AddTodoAsync(page, "milk");
        await AddTodoAsync(page, "bread");

        Assert.Equal(["milk", "bread"], page.FindAll("#todo-list .todo-text").Select(t => t.TextContent));
        Assert.Equal(string.Empty, page.Find("#todo-text").GetAttribute("value"));
        Assert.Equal("2 item(s)", page.Find("#todo-count").TextContent);
    }

    [Fact]
    public async Task TodoMovedUpIsMovedNotRebuilt()
    {
        var page = await _context.RenderRouteAsync<App>("/todos");
        await AddTodoAsync(page, "milk");
        await AddTodoAsync(page, "bread");
        var bread = page.Find("#todo-list li[data-id='2']");

        await page.ClickAsync(bread.QuerySelector(".move-up")!);

        Assert.Equal(["bread", "milk"], page.FindAll("#todo-list .todo-text").Select(t => t.TextContent));
        Assert.Contains(page.LastPatches, p => p is MovePatch);
        Assert.DoesNotContain(page.LastPatches, p => p is InsertPatch or ReplacePatch or RemovePatch);
        Assert.Same(bread, page.Find("#todo-list li[data-id='2']"));
        Assert.True(bread.QuerySelector(".move-up")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task TodoRemovedLeavesTheOthers()
    {
        var page = await _context.RenderRouteAsync<App>("/todos");
        await AddTodoAsync(page, "milk");
        await AddTodoAsync(page, "bread");

        await page.ClickAsync("#todo-list li[data-id='1'] .remove");

        Assert.Equal(["bread"], page.FindAll("#todo-list .todo-text").Select(t => t.TextContent));
        Assert.Equal("1 item(s)", page.Find("#todo-count").TextContent);
    }

    [Fact]
    public async Task SignupWithNothingFilledInShowsBothMessages()
    {
        var page = await _context.RenderRouteAsync<App>("/form");

        await page.SubmitAsync("form");

        Assert.Equal(
            ["Please enter your email.", "Please enter your name."],
            page.FindAll(".validation-message").Select(m => m.TextContent));
        Assert.Empty(page.FindAll("#success"));
    }

    [Fact]
    public async Task SignupWithABadEmailShowsItsMessage()
    {
        var page = await _context.RenderRouteAsync<App>("/form");

        await page.ChangeAsync("#email", "not-an-email");

        Assert.Equal("That is not an email address.", Assert.Single(page.FindAll(".validation-message")).TextContent);
    }

    [Fact]
    public async Task SignupWithValidFieldsThanksTheUser()
    {
        var page = await _context.RenderRouteAsync<App>("/form");

        await page.ChangeAsync("#email", "ada@example.org");
        await page.ChangeAsync("#name", "Ada");
        await page.ClickAsync("#submit");

        Assert.Equal("Thanks, Ada! You are signed up.", page.Find("#success").TextContent);
        Assert.Empty(page.FindAll(".validation-message"));
    }

    [Fact]
    public async Task NavLinksSwitchPagesInsideTheSameView()
    {
        var page = await _context.RenderRouteAsync<App>("/");

        await page.ClickLinkAsync("#nav-counter");
        await page.ClickAsync("#increment");

        Assert.Equal("1", page.Find("#count").TextContent);
        Assert.Equal("http://localhost/counter", page.Url);
        Assert.Equal(3, page.ViewNumber);
    }

    private static async Task AddTodoAsync(RenderedView page, string text)
    {
        await page.InputAsync("#todo-text", text);
        await page.ClickAsync("#add-todo");
    }
}

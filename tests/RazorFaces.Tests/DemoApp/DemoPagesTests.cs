using Bunit;
using Demo.App;
using Demo.App.Beans;
using Demo.App.Chat;
using Demo.App.Pages;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Dom;
using RazorFaces.Testing;

namespace RazorFaces.Tests.DemoApp;

/// <summary>
/// The demo's pages tested the way a page author tests them: bUnit with <c>ctx.AddRazorFaces()</c>, registered as the
/// demo's Program.cs registers them. What only the wire shows (which patches an update sends) runs through
/// <see cref="RazorFacesBunitExtensions.RenderRouteOnWireAsync{TApp}"/> from the same setup.
/// </summary>
public sealed class DemoPagesTests : IDisposable
{
    private readonly BunitContext _ctx = new();

    public DemoPagesTests()
    {
        _ctx.AddRazorFaces(o => o.Title = "RazorFaces demo");
        _ctx.Services.AddSingleton(new NodeInfo("test-node"));
        _ctx.Services.AddSingleton<IChatStore, InMemoryChatStore>();
        _ctx.Services.AddSessionBean<CartBean>();
        _ctx.Services.AddSessionBean<ChatUser>();
    }

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public void TheCounterCountsClicksAndItsCountSurvivesARebuild()
    {
        var counter = _ctx.Render<Counter>();

        counter.Find("#increment").Click();
        counter.Find("#increment").Click();

        counter.Find("#count").MarkupMatches("<span id=\"count\">2</span>");
        var rebuilt = counter.SurvivesRebuild();
        rebuilt.Find("#increment").Click();
        Assert.Equal("3", rebuilt.Find("#count").TextContent);
    }

    [Fact]
    public void TheCartIsSharedByTheTabsOfASessionAndNotByAnotherSession()
    {
        var first = _ctx.Render<Cart>();
        AddToCart(first, "tea");
        var second = _ctx.OpenTab().Render<Cart>();
        AddToCart(second, "milk");

        Assert.Equal(["tea", "milk"], Items(second));
        first.Render();
        Assert.Equal(["tea", "milk"], Items(first));
        Assert.Equal("2", first.Find("#cart-count").TextContent);
        Assert.Empty(Items(_ctx.OpenSession().Render<Cart>()));
    }

    [Fact]
    public void TheCartAndAHalfTypedItemSurviveARebuild()
    {
        var cart = _ctx.Render<Cart>();
        AddToCart(cart, "tea");
        cart.Find("#item-name").Change("half typed");

        var rebuilt = cart.SurvivesRebuild();

        Assert.Equal(["tea"], Items(rebuilt));
        Assert.Equal("half typed", rebuilt.Find("#item-name").GetAttribute("value"));
    }

    [Fact]
    public void TodosAddedAppearInOrderAndClearTheInput()
    {
        var todos = _ctx.Render<Todos>();

        AddTodo(todos, "milk");
        AddTodo(todos, "bread");

        Assert.Equal(["milk", "bread"], todos.FindAll("#todo-list .todo-text").Select(t => t.TextContent));
        Assert.Equal(string.Empty, todos.Find("#todo-text").GetAttribute("value"));
        Assert.Equal("2 item(s)", todos.Find("#todo-count").TextContent);
    }

    [Fact]
    public void TodoRemovedLeavesTheOthers()
    {
        var todos = _ctx.Render<Todos>();
        AddTodo(todos, "milk");
        AddTodo(todos, "bread");

        todos.Find("#todo-list li[data-id='1'] .remove").Click();

        Assert.Equal(["bread"], todos.FindAll("#todo-list .todo-text").Select(t => t.TextContent));
        Assert.Equal("1 item(s)", todos.Find("#todo-count").TextContent);
    }

    [Fact]
    public void SignupWithNothingFilledInShowsBothMessages()
    {
        var form = _ctx.Render<Form>();

        form.Find("form").Submit();

        Assert.Equal(
            ["Please enter your email.", "Please enter your name."],
            form.FindAll(".validation-message").Select(m => m.TextContent));
        Assert.Empty(form.FindAll("#success"));
    }

    [Fact]
    public void SignupWithABadEmailShowsItsMessage()
    {
        var form = _ctx.Render<Form>();

        form.Find("#email").Change("not-an-email");

        Assert.Equal("That is not an email address.", Assert.Single(form.FindAll(".validation-message")).TextContent);
    }

    [Fact]
    public void SignupWithValidFieldsThanksTheUser()
    {
        var form = _ctx.Render<Form>();

        form.Find("#email").Change("ada@example.org");
        form.Find("#name").Change("Ada");
        form.Find("form").Submit();

        Assert.Equal("Thanks, Ada! You are signed up.", form.Find("#success").TextContent);
        Assert.Empty(form.FindAll(".validation-message"));
    }

    [Fact]
    public void AChatMessageReachesTheChatOfAnotherSessionByPush()
    {
        var alice = _ctx.Render<ChatPage>();
        var bob = _ctx.OpenSession().Render<ChatPage>();
        var aliceName = alice.Find("#chat-name").TextContent;

        alice.Find("#message").Change("hello bob");
        alice.Find("form").Submit();

        bob.WaitForAssertion(() => Assert.Equal($"{aliceName}: hello bob", bob.Find("#messages li").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(string.Empty, alice.Find("#message").GetAttribute("value"));
    }

    [Fact]
    public void TheInteropPageReadsTheFieldThroughItsModule()
    {
        // bUnit plays the browser's JavaScript: the module the page imports, and what it answers.
        var module = _ctx.JSInterop.SetupModule("./js/interop.js");
        module.Setup<string>("valueOf", _ => true).SetResult("Ada");
        var page = _ctx.Render<Interop>();
        page.WaitForAssertion(() => Assert.Equal("loaded", page.Find("#interop-module").TextContent), TimeSpan.FromSeconds(10));

        page.Find("#interop-read").Click();

        page.WaitForAssertion(() => Assert.Equal("Ada", page.Find("#interop-value").TextContent), TimeSpan.FromSeconds(10));
        module.VerifyInvoke("valueOf");
    }

    [Fact]
    public async Task ACounterClickSendsOneTextPatchOverTheWire()
    {
        var page = await _ctx.RenderRouteOnWireAsync<App>("/counter");

        await page.ClickAsync("#increment");

        Assert.Equal("1", page.Find("#count").TextContent);
        var patch = Assert.IsType<SetTextPatch>(Assert.Single(page.LastPatches));
        Assert.Equal("1", patch.Text);
        Assert.Equal("test-node", page.Find("#served-by").TextContent);
    }

    private static void AddToCart(IRenderedComponent<Cart> cart, string item)
    {
        cart.Find("#item-name").Change(item);
        cart.Find("#add-item").Click();
    }

    private static string[] Items(IRenderedComponent<Cart> cart) =>
        [.. cart.FindAll("#cart-items li").Select(li => li.FirstChild!.TextContent.Trim())];

    private static void AddTodo(IRenderedComponent<Todos> todos, string text)
    {
        todos.Find("#todo-text").Input(text);
        todos.Find("#add-todo").Click();
    }
}

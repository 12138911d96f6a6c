using System.Net;
using System.Text.Json.Nodes;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport;

public sealed class EventRejectionTests(TransportServerFixture fixture, TestPagesServerFixture pages)
    : IClassFixture<TransportServerFixture>, IClassFixture<TestPagesServerFixture>
{
    [Fact]
    public async Task AnEventForAnElementThatWasRemovedGetsNoHandler()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("todos");
        await AddAsync(view, "Milk");
        await AddAsync(view, "Eggs");
        var staleRemove = view.TargetOf("li[data-id='1'] .remove", "click");
        await view.ClickAsync("li[data-id='1'] .remove");

        await RejectionAssert.RejectedHarmlesslyAsync(
            fixture.Server, view, () => view.SendAsync(view.EventMessage(staleRemove, "click")), HttpStatusCode.Conflict, "no-handler");

        Assert.Equal(["Eggs"], view.Root.QuerySelectorAll(".todo-text").Select(e => e.TextContent));
        await AddAsync(view, "Bread");
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Theory]
    [InlineData("dblclick")]
    [InlineData("submit")]
    public async Task AnEventTheElementHasNoHandlerForGetsNoHandler(string name)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var target = view.TargetOf("#increment", "click");

        await RejectionAssert.RejectedHarmlesslyAsync(
            fixture.Server, view, () => view.SendAsync(view.EventMessage(target, name)), HttpStatusCode.Conflict, "no-handler");

        await RejectionAssert.CounterStillWorksAsync(view);
    }

    [Fact]
    public async Task AnUnknownTargetGetsNoHandler()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");

        await RejectionAssert.RejectedHarmlesslyAsync(
            fixture.Server, view, () => view.SendAsync(view.EventMessage("root/9#9|9#9", "click")), HttpStatusCode.Conflict, "no-handler");

        await RejectionAssert.CounterStillWorksAsync(view);
    }

    [Fact]
    public async Task MouseEventArgsReachTheHandlerWithTheirValues()
    {
        using var browser = pages.Server.NewBrowser();
        var view = await browser.OpenAsync("it/mouse");

        await ClickAtAsync(view, 3, 4);

        Assert.Equal("at 3,4 button 0 ctrl True", view.Text("#clicked"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Theory]
    [InlineData("{\"button\":\"left\"}")]
    [InlineData("{\"clientX\":{}}")]
    [InlineData("{\"ctrlKey\":\"yes\"}")]
    [InlineData("{\"detail\":1e400}")]
    [InlineData("{\"clientX\":null,\"button\":[]}")]
    [InlineData("5")]
    [InlineData("\"click\"")]
    [InlineData("[0]")]
    public async Task MouseEventArgsOfTheWrongTypeGetBadEventArgs(string args)
    {
        using var browser = pages.Server.NewBrowser();
        var view = await browser.OpenAsync("it/mouse");
        var message = view.EventMessage(view.TargetOf("#where", "click"), "click");
        message["args"] = JsonNode.Parse(args);

        await RejectionAssert.RejectedHarmlesslyAsync(pages.Server, view, () => view.SendAsync(message), HttpStatusCode.BadRequest, "bad-event-args");

        Assert.Equal("never", view.Text("#clicked"));
        await ClickAtAsync(view, 5, 6);
        Assert.Equal("at 5,6 button 0 ctrl True", view.Text("#clicked"));
    }

    [Theory]
    [InlineData("{\"value\":42}")]
    [InlineData("{\"value\":{\"text\":\"Milk\"}}")]
    [InlineData("{\"value\":[\"a\",1]}")]
    public async Task ChangeEventArgsOfTheWrongTypeGetBadEventArgs(string args)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("todos");
        var message = view.EventMessage(view.TargetOf("#todo-text", "input"), "input");
        message["args"] = JsonNode.Parse(args);

        await RejectionAssert.RejectedHarmlesslyAsync(fixture.Server, view, () => view.SendAsync(message), HttpStatusCode.BadRequest, "bad-event-args");

        await AddAsync(view, "Milk");
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task ARejectedEventIdCanBeUsedAgainByAValidEvent()
    {
        // A client that fixes its message and retries must not find its id burnt by the rejection.
        using var browser = pages.Server.NewBrowser();
        var view = await browser.OpenAsync("it/mouse");
        var target = view.TargetOf("#where", "click");
        var bad = view.EventMessage(target, "click", new JsonObject { ["button"] = "left" }, id: 1);

        var rejected = await view.SendAsync(bad);
        var retried = await view.SendAsync(view.EventMessage(target, "click", new JsonObject { ["clientX"] = 1 }, id: 1));

        Assert.Equal("bad-event-args", rejected.ErrorCode);
        Assert.True(retried.IsSuccess, retried.ToString());
        Assert.Equal("at 1,0 button 0 ctrl False", view.Text("#clicked"));
    }

    private static async Task ClickAtAsync(ViewClient view, int x, int y)
    {
        var args = new JsonObject { ["clientX"] = x, ["clientY"] = y, ["button"] = 0, ["ctrlKey"] = true, ["type"] = "click" };
        var answer = await view.SendEventAsync("#where", "click", args);
        Assert.True(answer.IsSuccess, answer.ToString());
    }

    private static async Task AddAsync(ViewClient view, string text)
    {
        await view.InputAsync("#todo-text", text);
        var answer = await view.ClickAsync("#add-todo");
        Assert.True(answer.IsSuccess, answer.ToString());
    }
}

using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>
/// Hardening row 2: an over-limit event (a long text typed into /todos) closed the hub connection, the client
/// reconnected again and again sending it each time, the tab's later events queued behind it, and the status still
/// said connected. Now the event is refused as too large, the user is told, and the tab carries on.
/// </summary>
public sealed class MessageSizeTests(TransportNodesFixture fixture) : IClassFixture<TransportNodesFixture>
{
    [Theory]
    [InlineData("signalr")]
    [InlineData("longpoll")]
    public async Task AnOverLimitTextIsDroppedWithANoticeAndTheNextEventsAreApplied(string transport)
    {
        var page = await fixture.NewPageAsync(transport == "signalr" ? fixture.Auto : fixture.LongPoll, "todos");
        await page.WaitForFunctionAsync($"() => window.RazorFaces.stats.transport === '{transport}'");

        // 40,000 characters: over the 32 KB message limit, so the server answers too-large.
        await page.FillAsync("#todo-text", new string('x', 40_000));

        await Assertions.Expect(page.Locator("#rf-notice")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#rf-notice")).ToContainTextAsync("too large");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.RazorFaces.stats.dropped"));
        Assert.Equal("connected", await page.EvaluateAsync<string>("() => window.RazorFaces.status"));

        await page.FillAsync("#todo-text", "milk");
        await Assertions.Expect(page.Locator("#todo-chars")).ToHaveTextAsync("4 / 80");
        await page.ClickAsync("#add-todo");
        await Assertions.Expect(page.Locator("#todo-list li .todo-text")).ToHaveTextAsync(["milk"]);

        // Far over (a huge paste): over SignalR its frame would be more than the hub takes, so the client keeps it back.
        await page.FillAsync("#todo-text", new string('"', 300_000));
        await page.WaitForFunctionAsync("() => window.RazorFaces.stats.dropped === 2");
        await page.FillAsync("#todo-text", "bread");
        await Assertions.Expect(page.Locator("#todo-chars")).ToHaveTextAsync("5 / 80");
        await page.ClickAsync("#add-todo");
        await Assertions.Expect(page.Locator("#todo-list li .todo-text")).ToHaveTextAsync(["milk", "bread"]);

        Assert.Equal(transport, await page.EvaluateAsync<string>("() => window.RazorFaces.stats.transport"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.RazorFaces.stats.reconnects"));
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));
    }
}

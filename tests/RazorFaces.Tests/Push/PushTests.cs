using RazorFaces.Tests.Support;
using RazorFaces.Views;
using Microsoft.Extensions.DependencyInjection;

namespace RazorFaces.Tests.Push;

/// <summary>Server push across views and sessions (milestone 4, item 4), over long-poll on real Kestrel.</summary>
public sealed class PushTests
{
    [Fact]
    public async Task AChatMessageSentInOneSessionReachesEveryOpenChatViewThroughItsPoll()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(o => o.Transport.PollTimeout = TimeSpan.FromSeconds(1));
        using var alice = server.NewBrowser();
        using var bob = server.NewBrowser();
        var aliceChat = await alice.OpenAsync("chat");
        var bobChat = await bob.OpenAsync("chat");
        var bobTab2 = await bob.OpenAsync("chat");

        await SayAsync(aliceChat, "hello bob");

        Assert.Equal(["hello bob"], Lines(aliceChat));
        await bobChat.PollUntilAsync(v => Lines(v).Contains("hello bob"));
        await bobTab2.PollUntilAsync(v => Lines(v).Contains("hello bob"));
        Assert.True(await bobChat.IsInSyncWithServerAsync(), bobChat.Html);
    }

    [Fact]
    public async Task ManyPushesToOneViewBecomeFewUpdatesAndTheLastOneShowsEverything()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(o => o.Transport.PollTimeout = TimeSpan.FromSeconds(1));
        using var alice = server.NewBrowser();
        using var bob = server.NewBrowser();
        var aliceChat = await alice.OpenAsync("chat");
        var bobChat = await bob.OpenAsync("chat");
        var before = bobChat.Number;

        var scheduler = server.Services.GetRequiredService<RazorFaces.Push.PushScheduler>();
        var store = server.Services.GetRequiredService<Demo.App.Chat.IChatStore>();
        for (var i = 0; i < 20; i++)
        {
            await store.AddAsync("robot", $"line {i}");
        }
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => scheduler.RenderGroupAsync("chat")));

        await bobChat.PollUntilAsync(v => Lines(v).Count == 20);
        Assert.True(bobChat.Number - before < 20, $"20 pushes gave {bobChat.Number - before} updates");
        Assert.True(await bobChat.IsInSyncWithServerAsync(), bobChat.Html);
    }

    [Fact]
    public async Task AViewKeepsItsPushGroupWhenItIsRebuiltFromItsSavedState()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(o => o.Transport.PollTimeout = TimeSpan.FromSeconds(1));
        using var alice = server.NewBrowser();
        using var bob = server.NewBrowser();
        var aliceChat = await alice.OpenAsync("chat");
        var bobChat = await bob.OpenAsync("chat");

        // Every live view goes; Bob's next poll rebuilds his view from its record, group membership included.
        await server.Services.GetRequiredService<ViewRegistry>().RemoveAllAsync();
        await bobChat.PollAsync();
        await SayAsync(aliceChat, "after the rebuild");

        await bobChat.PollUntilAsync(v => Lines(v).Contains("after the rebuild"));
    }

    private static async Task SayAsync(ViewClient view, string text)
    {
        await view.ChangeAsync("#message", text);
        var answer = await view.SubmitAsync("form");
        Assert.True(answer.IsSuccess, answer.ToString());
    }

    private static List<string> Lines(ViewClient view) =>
        [.. view.Root.QuerySelectorAll("#messages li").Select(li => li.TextContent.Split(": ", 2)[1])];
}

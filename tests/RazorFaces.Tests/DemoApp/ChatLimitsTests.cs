using Demo.App.Chat;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.DemoApp;

/// <summary>
/// Hardening row 11: the demo's chat kept every message forever, of any length (1,557 messages of 30 KB: +307 MB,
/// and a 1.5 MB page for every visitor). An example app should show the bounds a real one needs.
/// </summary>
public sealed class ChatLimitsTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    [Fact]
    public async Task TheChatKeepsOnlyTheNewestMessagesAndItsPageStaysSmallHoweverManyWereSent()
    {
        var store = fixture.Server.Services.GetRequiredService<IChatStore>();
        var longest = new string('x', ChatLimits.MaxTextLength - 10);
        for (var i = 1; i <= 1_557; i++)
        {
            await store.AddAsync("flood", $"{i:D5} {longest}");
        }
        using var browser = fixture.Server.NewBrowser();

        var kept = await store.RecentAsync(int.MaxValue);
        var page = await browser.OpenAsync("chat");
        var html = await browser.Http.GetStringAsync("chat");

        Assert.Equal(ChatLimits.Keep, kept.Count);
        Assert.StartsWith("01557 ", kept[^1].Text, StringComparison.Ordinal);
        Assert.Equal(ChatLimits.Shown, page.Root.QuerySelectorAll("#messages li").Length);
        Assert.Contains("01557 ", page.Text("#messages"), StringComparison.Ordinal);
        Assert.InRange(html.Length, 0, ChatLimits.Shown * (ChatLimits.MaxTextLength + 100) + 10_000);
    }

    [Fact]
    public async Task AChatMessageOverTheLengthLimitIsRefusedAndNotStored()
    {
        var store = fixture.Server.Services.GetRequiredService<IChatStore>();
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("chat");
        var before = (await store.RecentAsync(int.MaxValue)).Count;
        Assert.Equal(ChatLimits.MaxTextLength.ToString(System.Globalization.CultureInfo.InvariantCulture), view.Find("#message").GetAttribute("maxlength"));

        // The input's maxlength is the browser's business; a client can send anything up to the message limit.
        await view.ChangeAsync("#message", new string('x', 30_000));
        await view.SubmitAsync("form");

        Assert.True(view.Has("#chat-error"), view.Html);
        Assert.Equal(before, (await store.RecentAsync(int.MaxValue)).Count);

        await view.ChangeAsync("#message", "short and sweet");
        await view.SubmitAsync("form");

        Assert.False(view.Has("#chat-error"), view.Html);
        Assert.Equal("short and sweet", (await store.RecentAsync(1))[0].Text);
    }
}

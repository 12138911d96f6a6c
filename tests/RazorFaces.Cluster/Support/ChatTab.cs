using System.Diagnostics;
using Microsoft.Playwright;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>A <see cref="ClusterPage"/> on Demo.App's <c>/chat</c>: sends messages and waits for lines to appear.</summary>
public sealed class ChatTab
{
    private ChatTab(ClusterPage page, string name)
    {
        Page = page;
        Name = name;
    }

    public ClusterPage Page { get; }

    /// <summary>This session's chat name (<c>#chat-name</c>), the author of its messages.</summary>
    public string Name { get; }

    /// <summary>Opens <c>/chat</c> at <paramref name="address"/> and waits until the client has chosen its transport.</summary>
    public static async Task<ChatTab> OpenAsync(IBrowserContext context, Uri address)
    {
        var page = await ClusterPage.OpenAsync(context, new Uri(address, "chat"));
        await page.Page.WaitForFunctionAsync("() => ['signalr', 'longpoll'].includes(window.RazorFaces.stats.transport)");
        return new ChatTab(page, await page.TextAsync("#chat-name"));
    }

    public Task<string> TransportAsync() => Page.Page.EvaluateAsync<string>("() => window.RazorFaces.stats.transport");

    /// <summary>Types <paramref name="text"/> and presses Send; returns once this tab shows its own line.</summary>
    public async Task SendAsync(string text)
    {
        await TypeAsync(text);
        await PressSendAsync();
        await WaitForLineAsync(LineOf(text));
    }

    public Task TypeAsync(string text) => Page.Page.FillAsync("#message", text);

    public Task PressSendAsync() => Page.ClickAsync("#send");

    /// <summary>How a message of this tab's reads in every chat.</summary>
    public string LineOf(string text) => $"{Name}: {text}";

    /// <summary>Waits (up to 30 s) until a <c>#messages li</c> reads exactly <paramref name="line"/>; returns how long that took.</summary>
    public async Task<TimeSpan> WaitForLineAsync(string line)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await Page.Page.WaitForFunctionAsync(
                "l => [...document.querySelectorAll('#messages li')].some(li => li.textContent.trim() === l)", line);
        }
        catch (TimeoutException e)
        {
            var lines = await Page.Page.Locator("#messages li").AllTextContentsAsync();
            throw new TimeoutException($"'{line}' never appeared; the chat shows [{string.Join(" | ", lines)}]. {await Page.DescribeAsync()}", e);
        }
        return clock.Elapsed;
    }
}

using System.Diagnostics;
using RazorFaces.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace RazorFaces.Cluster.Tests;

/// <summary>
/// Server push across nodes in Chromium (milestone 4): two browser contexts (two sessions) on Demo.App's
/// <c>/chat</c>, each served by its own node (direct node addresses, no balancer), over SignalR and over long-poll;
/// and long-poll fallback when a proxy blocks the hub.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PushTests(BrowserFixture browser, ITestOutputHelper output)
{
    // Generous for a loaded two-core machine; the time actually taken is printed.
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("signalr")]
    [InlineData("longpoll")]
    public async Task ChatMessageSentOnOneNodeAppearsInAChatServedByAnotherNode(string transport)
    {
        await using var cluster = await DemoCluster.StartAsync(
            nodes: 2, haproxy: false, nodeArguments: transport == "longpoll" ? ["--transport", "longpoll"] : null);
        await using var contextA = await browser.Browser.NewContextAsync();
        await using var contextB = await browser.Browser.NewContextAsync();
        var onA = await ChatTab.OpenAsync(contextA, cluster.Nodes[0].Address);
        var onB = await ChatTab.OpenAsync(contextB, cluster.Nodes[1].Address);
        Assert.Equal("node-a", await onA.Page.TextAsync("#served-by"));
        Assert.Equal("node-b", await onB.Page.TextAsync("#served-by"));
        Assert.Equal(transport, await onA.TransportAsync());
        Assert.Equal(transport, await onB.TransportAsync());

        var times = new List<TimeSpan>();
        foreach (var (from, to, text) in new[] { (onA, onB, "hello from a"), (onB, onA, "hello from b"), (onA, onB, "again from a") })
        {
            times.Add(await DeliverAsync(from, to, text));
        }

        output.WriteLine($"{transport}: message on one node to the other's page in {string.Join(", ", times.Select(t => $"{t.TotalMilliseconds:0} ms"))}");
        // Every line in both chats, in the order sent, from the one Redis history.
        string[] expected = [onA.LineOf("hello from a"), onB.LineOf("hello from b"), onA.LineOf("again from a")];
        foreach (var tab in new[] { onA, onB })
        {
            Assert.Equal(expected, await LinesAsync(tab));
            Assert.Equal(transport, await tab.TransportAsync());
            Assert.DoesNotContain("expired", await tab.Page.StatusesAsync());
            Assert.Equal(1, tab.Page.Loads);
            Assert.Empty(await tab.Page.ViewNumberCollisionsAsync());
        }
    }

    [Fact]
    public async Task WhenAProxyBlocksTheHubTheClientFallsBackToLongPollAndChatAndCounterWork()
    {
        await using var cluster = await DemoCluster.StartAsync(nodes: 2, blockHub: true);
        await using var contextA = await browser.Browser.NewContextAsync();
        await using var contextB = await browser.Browser.NewContextAsync();
        var hubAnswers = new List<int>();
        // The client opens the hub WebSocket directly (no negotiate request): watch those attempts and any HTTP
        // answer from the hub path.
        var hubSockets = 0;
        contextA.Page += (_, page) => page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_rf/hub", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref hubSockets);
            }
        };
        contextA.Response += (_, response) =>
        {
            if (response.Url.Contains("/_rf/hub", StringComparison.Ordinal))
            {
                lock (hubAnswers)
                {
                    hubAnswers.Add(response.Status);
                }
            }
        };

        var clock = Stopwatch.StartNew();
        var first = await ChatTab.OpenAsync(contextA, cluster.Address);
        output.WriteLine($"transport chosen {clock.ElapsedMilliseconds} ms after the page was asked for");
        var second = await ChatTab.OpenAsync(contextB, cluster.Address);

        Assert.Equal("longpoll", await first.TransportAsync());
        Assert.Equal("longpoll", await second.TransportAsync());
        lock (hubAnswers)
        {
            // The client did try the hub, and the proxy refused it.
            Assert.True(Volatile.Read(ref hubSockets) > 0 || hubAnswers.Count > 0, "the client never tried the hub");
            Assert.DoesNotContain(hubAnswers, s => s is >= 200 and < 300);
        }
        var elapsed = await DeliverAsync(first, second, "through the fallback");
        output.WriteLine($"long-poll fallback: message to the other session's page in {elapsed.TotalMilliseconds:0} ms");

        var counter = await ClusterPage.OpenAsync(contextA, new Uri(cluster.Address, "counter"));
        await counter.Page.WaitForFunctionAsync("() => window.RazorFaces.stats.transport === 'longpoll'");
        for (var i = 1; i <= 3; i++)
        {
            await counter.ClickAsync("#increment");
            await counter.WaitForTextAsync("#count", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var page in new[] { first.Page, second.Page, counter })
        {
            Assert.All(await page.StatusesAsync(), s => Assert.NotEqual("expired", s));
            Assert.Equal(1, page.Loads);
        }
    }

    [Fact]
    public async Task PushToAnIdlePageWithOnlyItsLongPollOpenIsDeliveredByThatPoll()
    {
        await using var cluster = await DemoCluster.StartAsync(nodes: 2, haproxy: false, nodeArguments: ["--transport", "longpoll"]);
        await using var contextA = await browser.Browser.NewContextAsync();
        await using var contextB = await browser.Browser.NewContextAsync();
        var sender = await ChatTab.OpenAsync(contextA, cluster.Nodes[0].Address);
        var idle = await ChatTab.OpenAsync(contextB, cluster.Nodes[1].Address);
        var text = "pushed while you waited";
        var line = sender.LineOf(text);
        var sends = 0;
        var delivered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.Page.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/_rf/send", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref sends);
            }
        };
        idle.Page.Page.Response += async (_, response) =>
        {
            if (response.Url.Contains("/_rf/poll", StringComparison.Ordinal))
            {
                try
                {
                    if ((await response.TextAsync()).Contains(text, StringComparison.Ordinal))
                    {
                        delivered.TrySetResult(response.Url);
                    }
                }
                catch (Microsoft.Playwright.PlaywrightException)
                {
                    // A poll answered while the page navigated away has no body to read; not this test's poll.
                }
            }
        };

        var elapsed = await DeliverAsync(sender, idle, text);

        // The update came in the answer of the page's waiting poll to node B, and the page itself sent nothing.
        var poll = await delivered.Task.WaitAsync(Arrival);
        Assert.StartsWith(cluster.Nodes[1].Address.ToString(), poll, StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref sends));
        Assert.Equal([line], await LinesAsync(idle));
        Assert.Equal("node-b", await idle.Page.TextAsync("#served-by"));
        Assert.Equal(1, idle.Page.Loads);
        output.WriteLine($"push to an idle long-poll on the other node in {elapsed.TotalMilliseconds:0} ms");
    }

    // Sends from one tab and measures, from the press of Send, until the other tab shows the line.
    private async Task<TimeSpan> DeliverAsync(ChatTab from, ChatTab to, string text)
    {
        await from.TypeAsync(text);
        var arrival = to.WaitForLineAsync(from.LineOf(text));
        await from.PressSendAsync();
        var elapsed = await arrival.WaitAsync(Arrival);
        await from.WaitForLineAsync(from.LineOf(text));
        return elapsed;
    }

    private static async Task<string[]> LinesAsync(ChatTab tab) =>
        [.. (await tab.Page.Page.Locator("#messages li").AllTextContentsAsync()).Select(t => t.Trim())];
}

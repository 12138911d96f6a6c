using System.Net;
using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>
/// Hardening row 7: pages had no framing protection, and a same-site page framed <c>/counter</c> and drove it in the
/// victim's session. The security headers are on by default; the client and the demo's pages satisfy the policy.
/// </summary>
public sealed class SecurityHeadersTests(TransportNodesFixture fixture) : IClassFixture<TransportNodesFixture>
{
    // Every violation of the page's policy, as the browser reports it to the page.
    private const string RecordViolations = """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    [Theory]
    [InlineData("signalr")]
    [InlineData("longpoll")]
    public async Task TheDemoPagesRunUnderTheContentSecurityPolicyWithoutAViolation(string transport)
    {
        var node = transport == "signalr" ? fixture.Auto : fixture.LongPoll;
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.Address.ToString() });
        await context.AddInitScriptAsync(RecordViolations);
        var console = new List<string>();
        var page = await Chromium.OpenAsync(context, "counter", p => p.Console += (_, m) => console.Add($"{m.Type}: {m.Text}"));
        await page.WaitForFunctionAsync($"() => window.RazorFaces.stats.transport === '{transport}'");
        var policy = (await page.EvaluateAsync<string?>(
            "async () => (await fetch(location.href, { cache: 'no-store' })).headers.get('content-security-policy')"))!;
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);

        await page.ClickAsync("#increment");
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("1");
        await page.ClickAsync("#nav-todos");
        await page.FillAsync("#todo-text", "milk");
        await page.ClickAsync("#add-todo");
        await Assertions.Expect(page.Locator("#todo-list li .todo-text")).ToHaveTextAsync(["milk"]);
        await page.ClickAsync("#nav-chat");
        await page.FillAsync("#message", "hello");
        await page.ClickAsync("#send");
        await Assertions.Expect(page.Locator("#messages")).ToContainTextAsync("hello");
        foreach (var path in new[] { "cart", "form", "cluster", "" })
        {
            await page.GotoAsync(path);
            await page.WaitForFunctionAsync("() => window.RazorFaces && window.RazorFaces.status === 'connected'");
            if (path == "cart")
            {
                await page.FillAsync("#item-name", "apple");
                await page.ClickAsync("#add-item");
                await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("1");
            }
        }

        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        // The status reads "connected" from the page's first moment; the transport is named once it is chosen.
        await page.WaitForFunctionAsync("() => window.RazorFaces.stats.transport !== 'auto'");
        Assert.Equal(transport, await page.EvaluateAsync<string>("() => window.RazorFaces.stats.transport"));
    }

    [Fact]
    public async Task APageOfAnotherPortOfTheSameSiteCannotFrameTheCounter()
    {
        var node = fixture.Auto;
        var context = await fixture.Browser.NewContextAsync();
        // The attacker's page: same host, another port (same site, another origin).
        using var attacker = AttackerPage.Serve(
            $"<!DOCTYPE html><iframe id=\"victim\" src=\"{new Uri(node.Address, "counter")}\" width=\"600\" height=\"400\"></iframe>");
        var console = new List<string>();
        var page = await context.NewPageAsync();
        page.Console += (_, m) => console.Add(m.Text);
        var framed = page.WaitForResponseAsync(r => r.Url.EndsWith("/counter", StringComparison.Ordinal));

        await page.GotoAsync(attacker.Address.ToString());
        var response = await framed;
        var frame = page.Frames.Single(f => f != page.MainFrame);
        // The server answered the frame's request; what matters is whether the browser shows (and runs) the page.
        await WaitUntilAsync(
            async () => console.Any(m => m.Contains("frame-ancestors", StringComparison.Ordinal)) || await ShowsTheCounterAsync(frame),
            "the frame to be refused or to show the counter");

        Assert.False(await ShowsTheCounterAsync(frame), "The counter loaded inside another origin's frame.");
        Assert.Equal(200, response.Status);
        Assert.Contains("frame-ancestors 'self'", (await response.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
    }

    private static async Task<bool> ShowsTheCounterAsync(IFrame frame)
    {
        try
        {
            return await frame.Locator("#increment").CountAsync() > 0;
        }
        catch (PlaywrightException)
        {
            // The frame holds the browser's error page, which cannot be inspected: nothing of ours is in it.
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }
            // The browser reports console messages asynchronously; poll with an overall deadline.
            await Task.Delay(20);
        }
    }

    /// <summary>One HTML page on a free loopback port, answered to every request until disposed.</summary>
    private sealed class AttackerPage : IDisposable
    {
        private readonly HttpListener _listener = new();

        private AttackerPage(string html)
        {
            var port = FreePort();
            Address = new Uri($"http://127.0.0.1:{port}/attack");
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                var body = System.Text.Encoding.UTF8.GetBytes(html);
                while (_listener.IsListening)
                {
                    HttpListenerContext request;
                    try
                    {
                        request = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }
                    request.Response.ContentType = "text/html; charset=utf-8";
                    await request.Response.OutputStream.WriteAsync(body);
                    request.Response.Close();
                }
            });
        }

        public Uri Address { get; }

        public static AttackerPage Serve(string html) => new(html);

        public void Dispose() => _listener.Close();

        private static int FreePort() => RazorFaces.TestSupport.LoopbackPorts.Next();
    }
}

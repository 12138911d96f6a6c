using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>The demo's /interop page in Chromium, over both transports: a JS module imported by a component, focus, a value read back, a JS → .NET call.</summary>
public sealed class InteropTests(TransportNodesFixture fixture) : IClassFixture<TransportNodesFixture>
{
    [Theory]
    [InlineData("auto")]
    [InlineData("longpoll")]
    public async Task AComponentImportsAModuleFocusesReadsAValueBackAndIsCalledFromJavaScript(string transport)
    {
        var page = await fixture.NewPageAsync(transport == "auto" ? fixture.Auto : fixture.LongPoll, "interop");
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                errors.Add(message.Text);
            }
        };

        await Assertions.Expect(page.Locator("#interop-module")).ToHaveTextAsync("loaded");
        Assert.Equal("JavaScript interop · RazorFaces demo", await page.TitleAsync());

        await page.ClickAsync("#interop-focus");
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'interop-name'");

        await page.Keyboard.TypeAsync("Ada");
        await page.ClickAsync("#interop-read");
        await Assertions.Expect(page.Locator("#interop-value")).ToHaveTextAsync("Ada");

        await page.ClickAsync("#interop-callback");
        await Assertions.Expect(page.Locator("#interop-calls")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#interop-from")).ToHaveTextAsync("JavaScript");

        Assert.Equal(transport == "auto" ? "signalr" : "longpoll", await page.EvaluateAsync<string>("() => window.RazorFaces.stats.transport"));
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));
        Assert.Empty(errors);

        // <PageTitle> per page: following a link patches the head.
        await page.ClickAsync("#nav-counter");
        await Assertions.Expect(page).ToHaveTitleAsync("Counter · RazorFaces demo");
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("longpoll")]
    public async Task AComponentSendsJavaScriptANetStreamOfAFewMegabytesAndItsHashMatchesTheServers(string transport)
    {
        var page = await fixture.NewPageAsync(transport == "auto" ? fixture.Auto : fixture.LongPoll, "interop");
        var streamRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/_rf/stream", StringComparison.Ordinal))
            {
                streamRequests.Add(request.Url);
            }
        };
        await Assertions.Expect(page.Locator("#interop-module")).ToHaveTextAsync("loaded");

        await page.ClickAsync("#interop-download");

        // JavaScript fetched the stream, hashed it with crypto.subtle and answered the call: both hashes show.
        await Assertions.Expect(page.Locator("#interop-download-read")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+ [0-9a-f]{64}$"));
        var expected = await page.Locator("#interop-download-expected").TextContentAsync();
        Assert.StartsWith("3145745 ", expected, StringComparison.Ordinal);
        Assert.Equal(expected, await page.Locator("#interop-download-read").TextContentAsync());
        var fetched = Assert.Single(streamRequests);
        Assert.DoesNotContain("secret", fetched, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(transport == "auto" ? "signalr" : "longpoll", await page.EvaluateAsync<string>("() => window.RazorFaces.stats.transport"));
    }
}

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
}

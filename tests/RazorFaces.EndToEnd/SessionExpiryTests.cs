using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

[Collection(SessionNodeCollection.Name)]
public sealed class SessionExpiryTests(SessionNodeFixture fixture)
{
    [Fact]
    public async Task AfterTheNodeRestartedTheNextClickShowsSessionExpiredOnceAndReloadStartsAWorkingPage()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await Chromium.OpenAsync(context, "counter");
        await page.ClickAsync("#increment");
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("1");
        await page.EvaluateAsync("() => window.__sameDocument = true");
        var loads = 0;
        page.Load += (_, _) => Interlocked.Increment(ref loads);

        // A single node keeps sessions in memory: a new process knows none of them.
        await fixture.RestartNodeAsync();
        await page.ClickAsync("#increment");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-rf-status", "expired");
        await Assertions.Expect(page.Locator("#rf-reload")).ToBeVisibleAsync();

        // No reload loop: the client stopped; a further click sends nothing and the document stays the same one.
        var sent = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/_rf/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref sent);
            }
        };
        await page.ClickAsync("#increment");
        await page.EvaluateAsync("() => new Promise(resolve => setTimeout(resolve, 0))");
        Assert.Equal(0, sent);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        Assert.Equal(0, loads);
        Assert.Equal("expired", await page.GetAttributeAsync("html", "data-rf-status"));
        Assert.Equal("1", await page.TextContentAsync("#count"));

        await page.ClickAsync("#rf-reload");
        await page.WaitForFunctionAsync("() => window.RazorFaces && window.RazorFaces.status === 'connected' && !window.__sameDocument");
        Assert.Equal(1, loads);
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("0");
        await page.ClickAsync("#increment");
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("1");
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));
    }
}

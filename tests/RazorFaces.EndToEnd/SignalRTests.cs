using System.Globalization;
using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

public sealed class SignalRTests(TransportNodesFixture fixture) : IClassFixture<TransportNodesFixture>
{
    [Fact]
    public async Task ByDefaultTheClientTalksSignalRAndCounterClicksWork()
    {
        var page = await fixture.NewPageAsync(fixture.Auto, "counter");
        await page.WaitForFunctionAsync("() => window.RazorFaces.stats.transport === 'signalr'");
        var polls = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/_rf/poll", StringComparison.Ordinal) || request.Url.Contains("/_rf/send", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref polls);
            }
        };

        for (var i = 1; i <= 3; i++)
        {
            await page.ClickAsync("#increment");
            await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync(i.ToString(CultureInfo.InvariantCulture));
        }

        Assert.Equal("signalr", await page.EvaluateAsync<string>("() => window.RazorFaces.stats.transport"));
        Assert.Equal(3, await page.EvaluateAsync<int>("() => window.RazorFaces.stats.updates"));
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));
        Assert.Equal(0, Volatile.Read(ref polls));
    }

    // Hardening row 9: the CSRF token travelled in the hub's URL, and URLs are logged.
    [Fact]
    public async Task TheHubConnectionsUrlCarriesATicketAndNeverTheCsrfToken()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Auto.Address.ToString() });
        var sockets = new List<string>();
        var page = await Chromium.OpenAsync(context, "counter", p => p.WebSocket += (_, socket) => sockets.Add(socket.Url));
        await page.WaitForFunctionAsync("() => window.RazorFaces.stats.transport === 'signalr'");
        var token = (await page.GetAttributeAsync("meta[name=rf-token]", "content"))!;

        await page.ClickAsync("#increment");
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("1");

        var hub = Assert.Single(sockets, url => url.Contains("/_rf/hub", StringComparison.Ordinal));
        Assert.Contains("access_token=", hub, StringComparison.Ordinal);
        Assert.DoesNotContain(token, hub, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(token), hub, StringComparison.Ordinal);
        Assert.DoesNotContain(token, fixture.Auto.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANodeStartedWithTransportLongPollServesLongPollAndCounterClicksWork()
    {
        var page = await fixture.NewPageAsync(fixture.LongPoll, "counter");

        for (var i = 1; i <= 3; i++)
        {
            await page.ClickAsync("#increment");
            await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync(i.ToString(CultureInfo.InvariantCulture));
        }

        Assert.Equal("longpoll", await page.GetAttributeAsync("html", "data-rf-transport"));
        Assert.Equal("longpoll", await page.EvaluateAsync<string>("() => window.RazorFaces.stats.transport"));
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));
    }
}

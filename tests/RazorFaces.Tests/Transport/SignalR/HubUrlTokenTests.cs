using Microsoft.Extensions.Time.Testing;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Tests.Support;
using RazorFaces.Transport.SignalR;

namespace RazorFaces.Tests.Transport.SignalR;

/// <summary>
/// Hardening row 9: the CSRF token travelled in the hub's URL, which the server logs with every request (170 tokens
/// in one log). The URL now carries a short-lived ticket, obtained with the token in a header.
/// </summary>
public sealed class HubUrlTokenTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private RazorFacesTestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await RazorFacesTestServer.StartDemoAsync(services: s => s.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TheCsrfTokenAppearsInNoHubUrlAndNowhereInTheLog()
    {
        using var browser = _server.NewBrowser();
        var view = await browser.OpenAsync("counter");

        await using (var hub = await HubTestClient.ConnectAsync(browser, view))
        {
            await hub.WatchAsync();
            await hub.ClickAsync("#increment");
            Assert.Equal("1", view.Text("#count"));
        }

        // The server logs the URL of every request (the hosting log), the hub's with its ticket...
        Assert.Contains(_server.Logs.Entries, e => e.Message.Contains("/_rf/hub?id=", StringComparison.Ordinal)
            && e.Message.Contains($"{RazorFacesHub.TicketParameter}=", StringComparison.Ordinal));
        // ...but never the token.
        Assert.DoesNotContain(_server.Logs.Entries, e => e.Message.Contains(view.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConnectionWithTheTokenInItsUrlInsteadOfATicketGetsBadToken()
    {
        using var browser = _server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        // What the client sent before: the token itself in the query. The server no longer reads one there.
        await using var hub = await HubTestClient.ConnectWithTicketAsync(browser, view, ticket: null, extraQuery: "token=" + Uri.EscapeDataString(view.Token));

        var answer = await hub.ClickAsync("#increment");

        Assert.Equal("bad-token", answer.GetProperty("code").GetString());
        Assert.Equal("0", view.Text("#count"));
    }

    [Fact]
    public async Task ATicketNeedsTheRightTokenInTheHeader()
    {
        using var browser = _server.NewBrowser();
        await browser.OpenAsync("counter");

        var refused = await HubTestClient.RequestTicketAsync(browser, "wrong");

        Assert.Equal(403, refused.Status);
        Assert.Contains("bad-token", refused.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredTicketOpensNoConnection()
    {
        using var browser = _server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var ticket = await HubTestClient.RequestTicketAsync(browser, view.Token);

        _clock.Advance(HubTicket.Lifetime + TimeSpan.FromSeconds(2));
        await using var hub = await HubTestClient.ConnectWithTicketAsync(browser, view, ticket.Ticket);
        var answer = await hub.ClickAsync("#increment");

        Assert.Equal("bad-token", answer.GetProperty("code").GetString());
    }

    [Fact]
    public async Task AConnectionOpenedWithAValidTicketOutlivesTheTicket()
    {
        using var browser = _server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await using var hub = await HubTestClient.ConnectAsync(browser, view);
        Assert.Equal(JsonValueKind.Array, (await hub.ClickAsync("#increment")).ValueKind);

        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(JsonValueKind.Array, (await hub.ClickAsync("#increment")).ValueKind);
        Assert.Equal("2", view.Text("#count"));
    }

    [Fact]
    public async Task AnotherSessionsTicketOpensNothing()
    {
        using var attacker = _server.NewBrowser();
        var own = await attacker.OpenAsync("counter");
        var ticket = await HubTestClient.RequestTicketAsync(attacker, own.Token);
        using var victimBrowser = _server.NewBrowser();
        var victim = await victimBrowser.OpenAsync("counter");

        await using var hub = await HubTestClient.ConnectWithTicketAsync(victimBrowser, victim, ticket.Ticket);
        var answer = await hub.ClickAsync("#increment");

        Assert.Equal("bad-token", answer.GetProperty("code").GetString());
    }
}

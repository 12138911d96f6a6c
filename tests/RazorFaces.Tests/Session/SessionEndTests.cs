using Microsoft.Extensions.Time.Testing;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.State;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Support.TestPages;

namespace RazorFaces.Tests.Session;

/// <summary>End-of-session hooks, invalidation and id rotation (milestone 3, item 6).</summary>
public sealed class SessionEndTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task AnExpiredSessionsHookRunsExactlyOnceEvenWhenSweepsRaceForIt()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var owner = await ReserveAsync(browser, "expiring");

        // The background sweep (its timer runs on this clock) and two more sweeps all race for the session.
        _clock.Advance(TimeSpan.FromMinutes(31));
        await Task.WhenAll(Sweep(server), Sweep(server));
        await Eventually.TrueAsync(() => EndLog.Shared.CountFor(owner) > 0, "the expired session's hook ran");

        Assert.Equal(1, EndLog.Shared.CountFor(owner));
        Assert.Contains(EndLog.Shared.Ends, e => e.Owner == owner && e.Reason == SessionEndReason.Expired);
        Assert.Equal(0, await Sweep(server));
        Assert.Equal(1, EndLog.Shared.CountFor(owner));
    }

    [Fact]
    public async Task ALiveSessionsHookDoesNotRunAndStoppingTheServerRunsNoHook()
    {
        var server = await StartAsync();
        using var browser = server.NewBrowser();
        var owner = await ReserveAsync(browser, "stopping");

        Assert.Equal(0, await Sweep(server));
        await server.DisposeAsync();

        Assert.Equal(0, EndLog.Shared.CountFor(owner));
    }

    [Fact]
    public async Task LoggingOutRunsTheHookOnceRemovesTheSessionAndReloadsThePageIntoANewSession()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var owner = await ReserveAsync(browser, "leaving");
        var view = await browser.OpenAsync("m3/reservation");

        var answer = await view.ClickAsync("#logout");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var location = Assert.Single(answer.Messages);
        Assert.Equal(MessageTypes.Location, location.Type);
        Assert.Contains(EndLog.Shared.Ends, e => e.Owner == owner && e.Reason == SessionEndReason.Invalidated);
        Assert.Equal(1, EndLog.Shared.CountFor(owner));
        var after = await view.ClickAsync("#reserve");
        Assert.Equal("session-expired", after.ErrorCode);
        _clock.Advance(TimeSpan.FromMinutes(31));
        await Sweep(server);
        Assert.Equal(1, EndLog.Shared.CountFor(owner));
        var fresh = await browser.OpenAsync("m3/reservation");
        Assert.Equal(string.Empty, fresh.Text("#owner"));
    }

    [Fact]
    public async Task RotatingTheIdKeepsBeansAndViewsAndARequestStillCarryingTheOldCookieFindsTheSession()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("m3/reservation");
        var oldId = SessionCookie(browser, server);
        await view.ChangeAsync("#owner-name", "ada");

        var login = await view.ClickAsync("#login");

        Assert.True(login.IsSuccess, login.ToString());
        var newId = SessionCookie(browser, server);
        Assert.NotEqual(oldId, newId);
        Assert.Equal("ada", view.Text("#owner"));

        // A request sent just before the new cookie arrived (an open long-poll, say) still finds the session.
        using var late = server.NewBrowser();
        late.Cookies.Add(server.BaseAddress, new Cookie(ProtocolConstants.SessionCookie, oldId));
        var request = new HttpRequestMessage(HttpMethod.Get, $"{ProtocolConstants.EndpointPrefix}/poll?view={view.ViewId}&n=0");
        request.Headers.Add(ProtocolConstants.TokenHeader, view.Token);
        using var poll = await late.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);

        // The session under its new id carries on, with its bean and view.
        var again = await view.ClickAsync("#reserve");
        Assert.True(again.IsSuccess, again.ToString());
        var otherTab = await browser.OpenAsync("m3/reservation");
        Assert.Equal("ada", otherTab.Text("#owner"));
    }

    private Task<RazorFacesTestServer> StartAsync() =>
        RazorFacesTestServer.StartAsync<TestApp>(services: s =>
        {
            s.AddSessionBean<ReservationBean>();
            s.AddSingleton<TimeProvider>(_clock);
        });

    private static async Task<string> ReserveAsync(BrowserSession browser, string prefix)
    {
        var owner = prefix + "-" + Guid.NewGuid().ToString("N");
        var view = await browser.OpenAsync("m3/reservation");
        await view.ChangeAsync("#owner-name", owner);
        await view.ClickAsync("#reserve");
        Assert.Equal(owner, view.Text("#owner"));
        return owner;
    }

    private static Task<int> Sweep(RazorFacesTestServer server) =>
        server.Services.GetRequiredService<SessionEndService>().EndExpiredAsync(CancellationToken.None);

    private static string SessionCookie(BrowserSession browser, RazorFacesTestServer server) =>
        browser.Cookies.GetCookies(server.BaseAddress)[ProtocolConstants.SessionCookie]!.Value;
}

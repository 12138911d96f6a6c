using Microsoft.Extensions.Time.Testing;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Views;

namespace RazorFaces.Tests.Session;

/// <summary>A session ends after its max inactive interval; only real use extends it (milestone 2, item 9).</summary>
public sealed class SessionExpiryTests
{
    private static readonly TimeSpan MaxInactive = TimeSpan.FromMinutes(30);
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public async Task ASessionUnusedForItsMaxInactiveIntervalIsGoneAndAnEventGetsSessionExpired()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await view.ClickAsync("#increment");

        clock.Advance(MaxInactive);
        var answer = await view.ClickAsync("#increment");

        Assert.Equal(HttpStatusCode.Gone, answer.Status);
        Assert.Equal(ErrorCodes.SessionExpired, answer.ErrorCode);
        Assert.Null(await server.Services.GetRequiredService<ISessionStore>().LoadAsync(browser.SessionId));
        // Said once and the same every time: nothing the client does brings the session back.
        var again = await view.ClickAsync("#increment");
        Assert.Equal(ErrorCodes.SessionExpired, again.ErrorCode);
        var poll = await view.PollAsync();
        Assert.Equal(ErrorCodes.SessionExpired, poll.ErrorCode);
    }

    [Fact]
    public async Task APageRequestAfterExpiryStartsANewSession()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var old = await browser.OpenAsync("counter");
        await old.ClickAsync("#increment");
        var oldSession = browser.SessionId;
        clock.Advance(MaxInactive + TimeSpan.FromMinutes(1));

        var fresh = await browser.OpenAsync("counter");

        Assert.NotEqual(oldSession, browser.SessionId);
        Assert.NotEqual(old.Token, fresh.Token);
        Assert.Equal("0", fresh.Text("#count"));
        var click = await fresh.ClickAsync("#increment");
        Assert.True(click.IsSuccess, click.ToString());
        Assert.Equal("1", fresh.Text("#count"));
    }

    [Fact]
    public async Task PollsDoNotKeepASessionAlive()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");

        for (var minutes = 5; minutes < 30; minutes += 5)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            // n=0: the view has something newer, so the poll answers at once instead of waiting.
            var poll = await view.PollAsync(n: 0);
            Assert.True(poll.IsSuccess, $"after {minutes} min: {poll}");
        }
        clock.Advance(TimeSpan.FromMinutes(5));

        var expired = await view.PollAsync(n: 0);
        Assert.Equal(ErrorCodes.SessionExpired, expired.ErrorCode);
        var click = await view.ClickAsync("#increment");
        Assert.Equal(ErrorCodes.SessionExpired, click.ErrorCode);
    }

    [Fact]
    public async Task ResyncsDoNotKeepASessionAlive()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");

        for (var minutes = 5; minutes < 30; minutes += 5)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            var resync = await view.ResyncAsync();
            Assert.True(resync.IsSuccess, $"after {minutes} min: {resync}");
        }
        clock.Advance(TimeSpan.FromMinutes(5));

        var click = await view.ClickAsync("#increment");
        Assert.Equal(ErrorCodes.SessionExpired, click.ErrorCode);
    }

    [Fact]
    public async Task EventsKeepASessionAlive()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");

        for (var i = 1; i <= 4; i++)
        {
            clock.Advance(MaxInactive - TimeSpan.FromMinutes(1));
            var click = await view.ClickAsync("#increment");
            Assert.True(click.IsSuccess, click.ToString());
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), view.Text("#count"));
        }
    }

    private Task<RazorFacesTestServer> StartAsync() =>
        RazorFacesTestServer.StartDemoAsync(o => o.Sessions.Timeout = MaxInactive, s => s.AddSingleton<TimeProvider>(clock));
}

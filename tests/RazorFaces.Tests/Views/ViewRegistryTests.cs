using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Views;

/// <summary>
/// The live views are indexed by the session object they were built on, so what a request does to one session
/// never walks the views of all the others (it used to: an unknown session cookie scanned every live view).
/// </summary>
public sealed class ViewRegistryTests
{
    [Fact]
    public async Task RequestsWithUnknownSessionCookiesLeaveEveryOtherSessionsViewsAlone()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        var browsers = Enumerable.Range(0, 3).Select(_ => server.NewBrowser()).ToList();
        var views = new List<ViewClient>();
        foreach (var browser in browsers)
        {
            views.Add(await browser.OpenAsync("counter"));
        }
        using var stranger = server.NewBrowser();

        for (var i = 0; i < 5; i++)
        {
            stranger.Cookies.Add(server.BaseAddress, new Cookie(ProtocolConstants.SessionCookie, Guid.NewGuid().ToString("N")));
            await stranger.OpenAsync("counter");
        }

        // Each stranger's page started a session and a view of its own; nothing else went.
        Assert.Equal(3 + 5, server.Registry().Count);
        foreach (var view in views)
        {
            var click = await view.ClickAsync("#increment");
            Assert.True(click.IsSuccess, click.ToString());
            Assert.Equal("1", view.Text("#count"));
        }
    }

    [Fact]
    public async Task DroppingASessionDropsExactlyTheLiveViewsBuiltOnIt()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var first = server.NewBrowser();
        using var second = server.NewBrowser();
        var firstViews = new[] { await first.OpenAsync("counter"), await first.OpenAsync("todos") };
        var secondViews = new[] { await second.OpenAsync("counter"), await second.OpenAsync("todos") };

        await server.Services.GetRequiredService<SessionManager>().ForgetAsync(first.SessionId);

        Assert.All(firstViews, v => Assert.Null(server.Registry().Find(v.ViewId)));
        Assert.All(secondViews, v => Assert.NotNull(server.Registry().Find(v.ViewId)));
    }
}

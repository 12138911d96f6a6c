using System.Net;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>Demo.App with <c>--new-sessions-per-minute</c>: ASP.NET Core rate limiting on the page loads that start a session.</summary>
public sealed class NewSessionRateLimitTests
{
    [Fact]
    public async Task CookielessPageLoadsBeyondTheLimitGet429WhileAUserWithASessionReloadsFreely()
    {
        await using var node = await DemoNode.StartAsync("e2e-ratelimit", "--new-sessions-per-minute", "5");
        using var flood = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = node.Address };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await flood.GetAsync(new Uri("counter", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);

        // A user who already has a session (its cookie) is not limited, and neither is the protocol under /_rf.
        var cookies = new CookieContainer();
        using var user = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = node.Address };
        using (var first = await user.GetAsync(new Uri("counter", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        }
        cookies.Add(node.Address, new Cookie("rf-session", "made-up"));
        using (var withCookie = await user.GetAsync(new Uri("counter", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        }
        for (var i = 0; i < 10; i++)
        {
            using var reload = await user.GetAsync(new Uri("counter", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
        }
        using var script = await flood.GetAsync(new Uri("_rf/razorfaces.js", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, script.StatusCode);
    }
}

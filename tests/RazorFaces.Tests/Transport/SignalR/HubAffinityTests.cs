using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RazorFaces.Cluster;
using RazorFaces.Hosting;

namespace RazorFaces.Tests.Transport.SignalR;

public sealed class HubAffinityTests(HubServerFixture fixture) : IClassFixture<HubServerFixture>
{
    // Regression: after failover the browser's rf-node cookie named the dead node, haproxy balanced the negotiate
    // and the WebSocket separately, and with two nodes left they never met (404 on every reconnect).
    [Fact]
    public async Task HubNegotiateNamesThisNodeInTheAffinityCookieSoTheWebSocketFollowsIt()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var node = fixture.Server.Services.GetRequiredService<IOptions<RazorFacesOptions>>().Value.Cluster.NodeName;
        browser.Cookies.Add(new Uri(browser.Http.BaseAddress!, "/"), new System.Net.Cookie(NodeAffinity.CookieName, "a-dead-node"));

        using var negotiate = await browser.Http.PostAsync("_rf/hub/negotiate?negotiateVersion=1", content: null);

        negotiate.EnsureSuccessStatusCode();
        Assert.Equal(node, browser.Cookies.GetCookies(browser.Http.BaseAddress!)[NodeAffinity.CookieName]?.Value);
    }
}

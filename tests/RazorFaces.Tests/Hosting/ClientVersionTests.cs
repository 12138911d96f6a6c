using System.Net;
using System.Text;
using System.Text.Json;
using RazorFaces.Protocol;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Hosting;

public sealed class ClientVersionTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    [Fact]
    public async Task APageRunningAnOlderClientScriptIsToldToReloadAndNothingIsApplied()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var message = view.EventMessage(view.TargetOf("#increment", "click"), "click");

        var answer = await SendAsync(browser, view, message, clientVersion: "0000000000000000");

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        using var error = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal(ErrorCodes.ClientOutdated, error.RootElement.GetProperty("code").GetString());
        Assert.Contains("0", await view.ServerHtmlAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("<span id=\"count\">1</span>", await view.ServerHtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageRunningThisServersClientScriptIsServed()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var version = view.Document.QuerySelector("meta[name=rf-client]")?.GetAttribute("content");
        Assert.False(string.IsNullOrEmpty(version));
        var message = view.EventMessage(view.TargetOf("#increment", "click"), "click");

        var answer = await SendAsync(browser, view, message, version);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("<span id=\"count\">1</span>", await view.ServerHtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerWithAClientVersionSaltTellsPagesOfAnUnsaltedBuildToReload()
    {
        using var unsalted = fixture.Server.NewBrowser();
        var oldVersion = (await unsalted.OpenAsync("counter")).Document.QuerySelector("meta[name=rf-client]")?.GetAttribute("content");
        await using var salted = await RazorFacesTestServer.StartDemoAsync(o => o.Transport.ClientVersionSalt = "build-2");
        using var browser = salted.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var newVersion = view.Document.QuerySelector("meta[name=rf-client]")?.GetAttribute("content");
        var message = view.EventMessage(view.TargetOf("#increment", "click"), "click");

        var outdated = await SendAsync(browser, view, message, oldVersion!);
        var current = await SendAsync(browser, view, message, newVersion!);

        Assert.False(string.IsNullOrEmpty(oldVersion));
        Assert.NotEqual(oldVersion, newVersion);
        Assert.Equal(HttpStatusCode.Conflict, outdated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(BrowserSession browser, ViewClient view, System.Text.Json.Nodes.JsonObject message, string clientVersion)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ProtocolConstants.EndpointPrefix + "/send")
        {
            Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ProtocolConstants.TokenHeader, view.Token);
        request.Headers.Add(ProtocolConstants.ClientVersionHeader, clientVersion);
        return browser.Http.SendAsync(request);
    }
}

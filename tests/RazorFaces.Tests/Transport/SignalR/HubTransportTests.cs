using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Tests.Support;
using RazorFaces.Transport.SignalR;

namespace RazorFaces.Tests.Transport.SignalR;

public sealed class HubTransportTests(HubServerFixture fixture) : IClassFixture<HubServerFixture>
{
    [Fact]
    public async Task AClickOverTheHubUpdatesTheCounterWithTheSameMessagesAsLongPoll()
    {
        using var pollBrowser = fixture.Server.NewBrowser();
        using var hubBrowser = fixture.Server.NewBrowser();
        var polled = await pollBrowser.OpenAsync("counter");
        await using var hubView = await hubBrowser.OpenAsync("counter", TransportKind.SignalR);

        var overPoll = await polled.ClickAsync("#increment");
        var overHub = await hubView.ClickAsync("#increment");

        Assert.Equal("1", hubView.Text("#count"));
        Assert.Equal(2, hubView.Number);
        Assert.Equal(overPoll.Body.Replace(polled.ViewId, "V", StringComparison.Ordinal), overHub.Body.Replace(hubView.ViewId, "V", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"t\":\"dance\",\"view\":\"abc\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"abc\",\"n\":-1,\"id\":1,\"target\":\"x\",\"name\":\"click\"}")]
    public async Task ABadMessageOverTheHubGetsTheSameErrorObjectAsLongPoll(string body)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await using var hub = await HubTransport.ConnectAsync(browser, view.Token);

        var overPoll = await view.PostRawAsync(new StringContent(body, Encoding.UTF8, "application/json"));
        // The hub frame is well formed; only the message it carries is not.
        var overHub = await hub.SendAsync(body);

        Assert.Equal("error", System.Text.Json.JsonDocument.Parse(overHub.Body).RootElement.GetProperty("t").GetString());
        Assert.Equal(overPoll.ErrorCode, overHub.ErrorCode);
        Assert.Equal(overPoll.ErrorReason, overHub.ErrorReason);
        Assert.Equal(overPoll.Status, overHub.Status);
    }

    [Fact]
    public async Task AHubConnectionWithAWrongTokenGetsBadTokenAndChangesNothing()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await using var hub = await HubTransport.ConnectAsync(browser, "wrong");

        var answer = await hub.SendAsync(view.EventMessage(view.TargetOf("#increment", "click"), "click").ToJsonString());

        Assert.Equal("bad-token", answer.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        await view.ClickAsync("#increment");
        Assert.Equal("1", view.Text("#count"));
    }

    [Fact]
    public async Task ClosingTheConnectionStopsItsPump()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter", TransportKind.SignalR);
        var pumps = fixture.Server.Services.GetRequiredService<HubViewPumps>();
        await view.WatchAsync();
        var before = pumps.Count;

        await view.DisposeAsync();

        await Eventually.TrueAsync(() => pumps.Count == before - 1, "the pump stopped");
    }

    [Fact]
    public async Task AnEventOverTheHubIsNotPushedAgainAfterItsAnswer()
    {
        using var browser = fixture.Server.NewBrowser();
        await using var view = await browser.OpenAsync("counter", TransportKind.SignalR);
        await view.WatchAsync();

        await view.ClickAsync("#increment");
        await view.ClickAsync("#increment");
        // A resync's answer is the marker: everything pushed before it has arrived by the time a later push would.
        await view.ResyncAsync();

        Assert.Equal("2", view.Text("#count"));
        Assert.DoesNotContain(view.Received, r => r.Body.Contains("\"update\"", StringComparison.Ordinal));
    }
}

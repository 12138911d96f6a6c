using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Tests.Support;
using RazorFaces.Transport.SignalR;
using RazorFaces.Views;

namespace RazorFaces.Tests.Transport.SignalR;

public sealed class HubTransportTests(HubServerFixture fixture) : IClassFixture<HubServerFixture>
{
    [Fact]
    public async Task AClickOverTheHubUpdatesTheCounterWithTheSameMessagesAsLongPoll()
    {
        using var pollBrowser = fixture.Server.NewBrowser();
        using var hubBrowser = fixture.Server.NewBrowser();
        var polled = await pollBrowser.OpenAsync("counter");
        var hubView = await hubBrowser.OpenAsync("counter");
        await using var hub = await HubTestClient.ConnectAsync(hubBrowser, hubView);

        var overPoll = await polled.ClickAsync("#increment");
        var overHub = await hub.ClickAsync("#increment");

        Assert.Equal("1", hubView.Text("#count"));
        Assert.Equal(2, hubView.Number);
        Assert.Equal(overPoll.Body.Replace(polled.ViewId, "V", StringComparison.Ordinal), overHub.GetRawText().Replace(hubView.ViewId, "V", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"t\":\"dance\",\"view\":\"abc\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"abc\",\"n\":-1,\"id\":1,\"target\":\"x\",\"name\":\"click\"}")]
    public async Task ABadMessageOverTheHubGetsTheSameErrorObjectAsLongPoll(string body)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await using var hub = await HubTestClient.ConnectAsync(browser, view);

        var overPoll = await view.PostAsync(new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var overHub = await hub.InvokeAsync("Send", body);

        Assert.Equal("error", overHub.GetProperty("t").GetString());
        Assert.Equal(overPoll.ErrorCode, overHub.GetProperty("code").GetString());
        Assert.Equal(overPoll.ErrorReason, overHub.GetProperty("reason").GetString());
        Assert.Equal((int)overPoll.Status, overHub.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AHubConnectionWithAWrongTokenGetsBadTokenAndChangesNothing()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await using var hub = await HubTestClient.ConnectAsync(browser, view, token: "wrong");

        var answer = await hub.ClickAsync("#increment");

        Assert.Equal("bad-token", answer.GetProperty("code").GetString());
        Assert.Equal(403, answer.GetProperty("status").GetInt32());
        await view.ClickAsync("#increment");
        Assert.Equal("1", view.Text("#count"));
    }

    [Fact]
    public async Task ClosingTheConnectionStopsItsPump()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var pumps = fixture.Server.Services.GetRequiredService<HubViewPumps>();
        var hub = await HubTestClient.ConnectAsync(browser, view);
        await hub.WatchAsync();
        var before = pumps.Count;

        await hub.DisposeAsync();

        await Eventually.TrueAsync(() => pumps.Count == before - 1, "the pump stopped");
    }

    [Fact]
    public async Task AnEventOverTheHubIsNotPushedAgainAfterItsAnswer()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await using var hub = await HubTestClient.ConnectAsync(browser, view);
        await hub.WatchAsync();

        await hub.ClickAsync("#increment");
        await hub.ClickAsync("#increment");
        // A resync's answer is the marker: everything pushed before it has arrived by the time a later push would.
        await hub.SendAsync(new JsonObject { ["t"] = "resync", ["view"] = view.ViewId, ["n"] = view.Number, ["url"] = view.Url });

        Assert.Equal("2", view.Text("#count"));
        Assert.DoesNotContain(hub.Received, r => r.GetRawText().Contains("\"update\"", StringComparison.Ordinal));
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport.SignalR;

/// <summary>
/// Hardening row 2: the hub's options were registered where SignalR ignores them, so its global 32 KB frame limit
/// applied. An event under the message limit whose escaped frame was over 32 KB closed the connection, and the client
/// sent it again on every new one. One limit (<c>MaxMessageBytes</c>, 32 KB here) now applies to the message itself
/// over both transports, and the frame limit leaves room for any escaping.
/// </summary>
public sealed class HubMessageSizeTests(HubServerFixture fixture) : IClassFixture<HubServerFixture>
{
    private const int Limit = 32 * 1024;

    [Fact]
    public async Task AnEventUnderTheLimitWhoseEscapedFrameIsOver32KbIsAppliedOverTheHub()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("todos");
        await using var hub = await HubTestClient.ConnectAsync(browser, view);
        // 12,000 quotes typed: 24 KB as a message ("\""), over 48 KB once the message is a JSON string in the frame.
        var message = Input(view, new string('"', 12_000));
        Assert.InRange(Encoding.UTF8.GetByteCount(message.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })), 24_000, Limit);

        var answer = await hub.SendAsync(message);

        Assert.Equal(JsonValueKind.Array, answer.ValueKind);
        Assert.Equal("12000 / 80", view.Text("#todo-chars"));
        Assert.Equal(JsonValueKind.Array, (await hub.ClickAsync("#add-todo")).ValueKind);
    }

    [Fact]
    public async Task AnEventOverTheLimitGetsTooLargeOverTheHubAsOverLongPollAndTheConnectionCarriesOn()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("todos");
        await using var hub = await HubTestClient.ConnectAsync(browser, view);
        var message = Input(view, new string('x', 40_000));
        var mark = fixture.Server.Logs.Mark();

        var overHub = await hub.SendAsync(message);
        var overPoll = await view.PostRawAsync(message);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overPoll.Status);
        Assert.Equal("too-large", overHub.GetProperty("code").GetString());
        Assert.Equal(413, overHub.GetProperty("status").GetInt32());
        Assert.Equal(overPoll.ErrorReason, overHub.GetProperty("reason").GetString());
        Assert.Equal(2, fixture.Server.Logs.Since(mark).Count(e => e.Message.Contains(overPoll.ErrorReason!, StringComparison.Ordinal)));
        // The same connection takes the next event.
        var next = await hub.SendAsync(Input(view, "milk"));
        Assert.Equal(JsonValueKind.Array, next.ValueKind);
        Assert.Equal("4 / 80", view.Text("#todo-chars"));
    }

    [Fact]
    public async Task AMessageOneByteOverTheLimitInTheWorstEscapingIsAnsweredTooLargeNotByClosingTheConnection()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await using var hub = await HubTestClient.ConnectAsync(browser, view);
        // A control character is one byte of message and six of frame (\u0001): the largest growth there is.
        var message = new string('\u0001', Limit + 1);

        var answer = await hub.InvokeAsync("Send", message);

        Assert.Equal("too-large", answer.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Array, (await hub.ClickAsync("#increment")).ValueKind);
        Assert.Equal("1", view.Text("#count"));
    }

    private static JsonObject Input(ViewClient view, string value) =>
        view.EventMessage(view.TargetOf("#todo-text", "input"), "input", new JsonObject { ["value"] = value });
}

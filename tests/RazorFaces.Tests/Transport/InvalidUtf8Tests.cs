using System.Net;
using System.Text;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport;

/// <summary>Hardening row 1: invalid UTF-8 inside a JSON string was a 500 with an unhandled-exception stack trace.</summary>
public sealed class InvalidUtf8Tests(TransportServerFixture fixture) : IClassFixture<TransportServerFixture>
{
    [Fact]
    public async Task InvalidUtf8InAJsonStringGetsBadMessageAndOneWarningNotAServerError()
    {
        // No cookie, no token: the body is refused before anything looks at a session.
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        var body = new ByteArrayContent([.. "{\"t\":\"close\",\"view\":\""u8, 0xFF, .. "\"}"u8]);
        body.Headers.ContentType = new("application/json");
        var mark = fixture.Server.Logs.Mark();

        using var response = await http.PostAsync("_rf/send", body);
        var answer = ServerAnswer.Read(response.StatusCode, await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("bad-message", answer.ErrorCode);
        Assert.Equal("The message is not valid UTF-8.", answer.ErrorReason);
        RejectionAssert.LoggedOneWarning(fixture.Server, mark, answer.ErrorReason!);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    public async Task InvalidUtf8InAnEventsArgumentsGetsBadMessageAndLeavesTheViewWorking(byte[] invalid)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("todos");
        var valid = view.EventMessage(view.TargetOf("#todo-text", "input"), "input", new() { ["value"] = "@" }).ToJsonString();
        var at = Encoding.UTF8.GetBytes(valid).AsSpan().IndexOf("\"@\""u8) + 1;
        byte[] body = [.. Encoding.UTF8.GetBytes(valid)[..at], .. invalid, .. Encoding.UTF8.GetBytes(valid)[(at + 1)..]];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        var mark = fixture.Server.Logs.Mark();

        var answer = await RejectionAssert.RejectedHarmlesslyAsync(
            fixture.Server, view, () => view.PostRawAsync(content), HttpStatusCode.BadRequest, "bad-message");

        RejectionAssert.LoggedOneWarning(fixture.Server, mark, answer.ErrorReason!);
        await view.InputAsync("#todo-text", "still works");
        Assert.Equal("11 / 80", view.Text("#todo-chars"));
    }
}

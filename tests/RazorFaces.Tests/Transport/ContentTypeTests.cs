using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport;

/// <summary>
/// Hardening row 10: <c>POST /_rf/send</c> parsed any body as JSON, so only the token stopped a cross-site form post
/// (text/plain and the form encodings are what an HTML form on another site can send without asking).
/// </summary>
public sealed class ContentTypeTests(TransportServerFixture fixture) : IClassFixture<TransportServerFixture>
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/jsonx")]
    [InlineData(null)]
    public async Task AMessageNotSentAsJsonGetsUnsupportedMediaTypeEvenWithTheRightToken(string? contentType)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        // What a form on another site would post: a valid click carrying the token in the body, as beacons do.
        var message = view.EventMessage(view.TargetOf("#increment", "click"), "click");
        message["token"] = view.Token;
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(message.ToJsonString()));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        var mark = fixture.Server.Logs.Mark();

        var answer = await RejectionAssert.RejectedHarmlesslyAsync(
            fixture.Server, view, () => view.PostRawAsync(content, token: null), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

        RejectionAssert.LoggedOneWarning(fixture.Server, mark, answer.ErrorReason!);
        await RejectionAssert.CounterStillWorksAsync(view);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    public async Task AMessageSentAsJsonIsServed(string contentType)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(view.EventMessage(view.TargetOf("#increment", "click"), "click").ToJsonString()));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var answer = await view.PostRawAsync(content);

        Assert.True(answer.IsSuccess, answer.ToString());
        // The raw post is not applied to the tab's document; a resync shows what the server did.
        await view.ResyncAsync();
        Assert.Equal("1", view.Text("#count"));
    }

    [Fact]
    public async Task TheCloseBeaconsJsonBodyWithItsTokenIsServed()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        // Exactly what the client's close beacon sends: a Blob of type application/json, the token in the body.
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(new JsonObject { ["t"] = "close", ["view"] = view.ViewId, ["token"] = view.Token }.ToJsonString()));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

        var answer = await view.PostRawAsync(content, token: null);

        Assert.True(answer.IsSuccess, answer.ToString());
    }
}

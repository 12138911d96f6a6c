using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport;

public sealed class OversizedMessageTests(TransportServerFixture fixture) : IClassFixture<TransportServerFixture>
{
    private const int Limit = TransportServerFixture.MaxMessageBytes;

    [Fact]
    public async Task AMessageOverTheLimitWithContentLengthGetsTooLarge()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var body = PaddedClick(view, Limit + 1);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        var answer = await RejectionAssert.RejectedHarmlesslyAsync(
            fixture.Server, view, () => view.PostRawAsync(content), HttpStatusCode.RequestEntityTooLarge, "too-large");

        Assert.Contains(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.ErrorReason);
        await RejectionAssert.CounterStillWorksAsync(view);
    }

    [Fact]
    public async Task AChunkedMessageOverTheLimitGetsTooLarge()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var content = new ChunkedContent(PaddedClick(view, 4 * Limit));
        Assert.Null(content.Headers.ContentLength);

        await RejectionAssert.RejectedHarmlesslyAsync(
            fixture.Server, view, () => view.PostRawAsync(content), HttpStatusCode.RequestEntityTooLarge, "too-large");

        await RejectionAssert.CounterStillWorksAsync(view);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AMessageOfExactlyTheLimitIsServed(bool chunked)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var body = PaddedClick(view, Limit);
        HttpContent content = chunked ? new ChunkedContent(body) : new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        var answer = await view.PostRawAsync(content);

        Assert.True(answer.IsSuccess, answer.ToString());
        view.Apply(answer.Messages);
        Assert.Equal("1", view.Text("#count"));
    }

    // A valid click whose unknown "pad" argument makes the body exactly `length` bytes long.
    private static byte[] PaddedClick(ViewClient view, int length)
    {
        var message = view.EventMessage(view.TargetOf("#increment", "click"), "click", new JsonObject { ["pad"] = "" });
        var bare = Encoding.UTF8.GetByteCount(message.ToJsonString());
        message["args"]!["pad"] = new string('x', length - bare);
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        Assert.Equal(length, body.Length);
        return body;
    }
}

using System.Net;
using System.Text;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport;

public sealed class MalformedMessageTests(TransportServerFixture fixture) : IClassFixture<TransportServerFixture>
{
    [Theory]
    [InlineData("{\"t\":\"event\",")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("\"event\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"t\":\"dance\",\"view\":\"{V}\"}")]
    [InlineData("{\"t\":7,\"view\":\"{V}\"}")]
    [InlineData("{\"t\":\"event\",\"n\":1,\"id\":99,\"target\":\"{T}\",\"name\":\"click\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"{V}\",\"id\":99,\"target\":\"{T}\",\"name\":\"click\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"{V}\",\"n\":1,\"target\":\"{T}\",\"name\":\"click\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"{V}\",\"n\":1,\"id\":99,\"name\":\"click\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"{V}\",\"n\":1,\"id\":99,\"target\":\"{T}\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"{V}\",\"n\":\"1\",\"id\":99,\"target\":\"{T}\",\"name\":\"click\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"{V}\",\"n\":-1,\"id\":99,\"target\":\"{T}\",\"name\":\"click\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"{V}\",\"n\":1.5,\"id\":99,\"target\":\"{T}\",\"name\":\"click\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"{V}\",\"n\":1,\"id\":0,\"target\":\"{T}\",\"name\":\"click\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"{V}\",\"n\":1,\"id\":\"99\",\"target\":\"{T}\",\"name\":\"click\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"{V}\",\"n\":1,\"id\":99,\"target\":[\"{T}\"],\"name\":\"click\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"{V}\",\"n\":1,\"id\":99,\"target\":\"{T}\",\"name\":null}")]
    [InlineData("{\"t\":\"event\",\"view\":\"{V}\",\"n\":1,\"id\":99,\"target\":\"{T}\",\"name\":\"\"}")]
    [InlineData("{\"t\":\"event\",\"view\":42,\"n\":1,\"id\":99,\"target\":\"{T}\",\"name\":\"click\"}")]
    [InlineData("{\"t\":\"nav\",\"view\":\"{V}\",\"n\":1,\"id\":99}")]
    [InlineData("{\"t\":\"resync\",\"view\":\"{V}\"}")]
    [InlineData("{\"t\":\"close\"}")]
    [InlineData("{\"t\":\"event\",\"view\":\"{V}\",\"n\":1,\"id\":99,\"target\":\"{T}\",\"name\":\"click\",\"args\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}")]
    public async Task AMalformedMessageGetsBadMessageAndLeavesTheViewWorking(string template)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var body = template.Replace("{V}", view.ViewId, StringComparison.Ordinal)
            .Replace("{T}", view.TargetOf("#increment", "click"), StringComparison.Ordinal);

        await RejectionAssert.RejectedHarmlesslyAsync(
            fixture.Server, view, () => view.PostRawAsync(new StringContent(body, Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "bad-message");

        await RejectionAssert.CounterStillWorksAsync(view);
    }

    [Fact]
    public async Task APollWithoutAWholeNumberGetsBadMessage()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"_rf/poll?view={view.ViewId}&n=-3");
        request.Headers.Add("X-RF-Token", view.Token);

        using var response = await browser.Http.SendAsync(request);
        var answer = ServerAnswer.Read(response.StatusCode, await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("bad-message", answer.ErrorCode);
        await RejectionAssert.CounterStillWorksAsync(view);
    }
}

using System.Net;
using System.Text;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport;

public sealed class AccessTests(TransportServerFixture fixture) : IClassFixture<TransportServerFixture>
{
    [Fact]
    public async Task AnUnknownViewIdOfALiveSessionGetsTheEventAppliedToAFreshViewUnderANewId()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var message = view.EventMessage(view.TargetOf("#increment", "click"), "click");
        message["view"] = "AAAAAAAAAAAAAAAAAAAAAA";

        var answer = await view.Transport.SendAsync(message.ToJsonString());

        // Never "session expired" while the session lives: the page the browser shows is started afresh and
        // the click that arrived is applied to it.
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var refresh = Assert.Single(answer.Messages);
        Assert.Equal("refresh", refresh.Type);
        Assert.NotEqual("AAAAAAAAAAAAAAAAAAAAAA", refresh.View);
        Assert.NotEqual(view.ViewId, refresh.View);
        Assert.Contains("<span id=\"count\">1</span>", refresh.Html, StringComparison.Ordinal);
        Assert.Equal("0", view.Text("#count"));
        await RejectionAssert.CounterStillWorksAsync(view);
    }

    [Fact]
    public async Task AnotherSessionsViewIdGetsForeignViewAndThatViewIsUntouched()
    {
        using var mallory = fixture.Server.NewBrowser();
        using var alice = fixture.Server.NewBrowser();
        var own = await mallory.OpenAsync("counter");
        var victim = await alice.OpenAsync("counter");
        var message = own.EventMessage(victim.TargetOf("#increment", "click"), "click");
        message["view"] = victim.ViewId;

        await RejectionAssert.RejectedHarmlesslyAsync(fixture.Server, victim, () => own.SendAsync(message), HttpStatusCode.Forbidden, "foreign-view");

        Assert.Equal("0", victim.Text("#count"));
        await RejectionAssert.CounterStillWorksAsync(victim);
        await RejectionAssert.CounterStillWorksAsync(own);
    }

    [Fact]
    public async Task AnotherSessionsViewCannotBePolled()
    {
        using var mallory = fixture.Server.NewBrowser();
        using var alice = fixture.Server.NewBrowser();
        var own = await mallory.OpenAsync("counter");
        var victim = await alice.OpenAsync("counter");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"_rf/poll?view={victim.ViewId}&n=1");
        request.Headers.Add("X-RF-Token", own.Token);

        using var response = await mallory.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("foreign-view", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    [InlineData("")]
    public async Task AMissingOrWrongTokenGetsBadToken(string? token)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var message = view.EventMessage(view.TargetOf("#increment", "click"), "click");

                await RejectionAssert.RejectedHarmlesslyAsync(
            fixture.Server, view, () => view.PostRawAsync(message, token),
            HttpStatusCode.Forbidden, "bad-token");

        await RejectionAssert.CounterStillWorksAsync(view);
    }

    [Fact]
    public async Task ATokenOfAnotherSessionGetsBadToken()
    {
        using var mallory = fixture.Server.NewBrowser();
        using var alice = fixture.Server.NewBrowser();
        var own = await mallory.OpenAsync("counter");
        var victim = await alice.OpenAsync("counter");
        var message = victim.EventMessage(victim.TargetOf("#increment", "click"), "click");

        await RejectionAssert.RejectedHarmlesslyAsync(
            fixture.Server, victim, () => victim.PostRawAsync(message, own.Token), HttpStatusCode.Forbidden, "bad-token");
    }

    [Fact]
    public async Task NoSessionCookieGetsSessionExpired()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        using var cookieless = fixture.Server.NewBrowser();
        var message = view.EventMessage(view.TargetOf("#increment", "click"), "click");

        await RejectionAssert.RejectedHarmlesslyAsync(
            fixture.Server, view, () => PostWithHeaderAsync(cookieless, message.ToJsonString(), view.Token), HttpStatusCode.Gone, "session-expired");

        await RejectionAssert.CounterStillWorksAsync(view);
    }

    [Fact]
    public async Task AnUnknownSessionCookieGetsSessionExpired()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        using var forged = fixture.Server.NewBrowser();
        forged.Cookies.Add(fixture.Server.BaseAddress, new Cookie("rf-session", "AAAAAAAAAAAAAAAAAAAAAA"));
        var message = view.EventMessage(view.TargetOf("#increment", "click"), "click");

        await RejectionAssert.RejectedHarmlesslyAsync(
            fixture.Server, view, () => PostWithHeaderAsync(forged, message.ToJsonString(), view.Token), HttpStatusCode.Gone, "session-expired");

        await RejectionAssert.CounterStillWorksAsync(view);
    }

    private static async Task<ServerAnswer> PostWithHeaderAsync(BrowserSession browser, string body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "_rf/send") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-RF-Token", token);
        using var response = await browser.Http.SendAsync(request);
        return ServerAnswer.Read(response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

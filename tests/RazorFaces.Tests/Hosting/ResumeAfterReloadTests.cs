using System.Net;
using RazorFaces.Protocol;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Hosting;

/// <summary>
/// A page told <c>client-outdated</c> (a node of a newer build) reloads with the <c>rf-resume</c> cookie naming its
/// view; before this, the reload always started a fresh view, so a rolling upgrade threw away every open page's state.
/// </summary>
public sealed class ResumeAfterReloadTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    [Fact]
    public async Task PageReloadedForANewerClientContinuesItsViewFromItsSavedState()
    {
        using var browser = fixture.Server.NewBrowser();
        var before = await browser.OpenAsync("counter");
        await before.ClickAsync("#increment");
        await before.ClickAsync("#increment");

        Resume(browser, before.ViewId);
        var after = await browser.OpenAsync("counter");

        Assert.Equal(before.ViewId, after.ViewId);
        Assert.Equal("2", after.Text("#count"));
        Assert.Null(ResumeCookie(browser));
        // As the browser client does after a resuming reload: event ids go on where the page before left off.
        after.NextEventId = before.NextEventId;
        await after.ClickAsync("#increment");
        Assert.Equal("3", after.Text("#count"));
    }

    [Fact]
    public async Task ResumeCookieNamingAViewOfAnotherPageStartsTheRequestedPageAfresh()
    {
        using var browser = fixture.Server.NewBrowser();
        var counter = await browser.OpenAsync("counter");
        await counter.ClickAsync("#increment");

        Resume(browser, counter.ViewId);
        var cart = await browser.OpenAsync("cart");

        Assert.NotEqual(counter.ViewId, cart.ViewId);
        Assert.True(cart.Has("#cart-count"));
        Assert.Null(ResumeCookie(browser));
    }

    [Fact]
    public async Task PageLoadWithoutAResumeCookieStartsAFreshView()
    {
        using var browser = fixture.Server.NewBrowser();
        var first = await browser.OpenAsync("counter");
        await first.ClickAsync("#increment");

        var second = await browser.OpenAsync("counter");

        Assert.NotEqual(first.ViewId, second.ViewId);
        Assert.Equal("0", second.Text("#count"));
    }

    private void Resume(BrowserSession browser, string viewId) =>
        browser.Cookies.Add(fixture.Server.BaseAddress, new Cookie(ProtocolConstants.ResumeCookie, viewId, "/"));

    private string? ResumeCookie(BrowserSession browser) =>
        browser.Cookies.GetCookies(fixture.Server.BaseAddress)[ProtocolConstants.ResumeCookie]?.Value is { Length: > 0 } v ? v : null;
}

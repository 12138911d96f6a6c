using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support;
using RazorFaces.Views;
using Xunit;

namespace RazorFaces.Tests.Hosting;

/// <summary>
/// The user of each request reaches the view's components (AuthorizeView, [Authorize] pages), and the session is
/// bound to it: a sign-in moves the session to a new id and CSRF token with its beans, a sign-out or another user
/// ends it, and a request from before the sign-in cannot end the signed-in session. Demo.App's cookie sign-in.
/// </summary>
public sealed class AuthenticationTests
{
    [Fact]
    public async Task AnAuthorizePageChallengesNobodyAndShowsASignedInUserWithTheirRoles()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var browser = server.NewBrowser();

        using (var challenged = await browser.Http.GetAsync("account"))
        {
            Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);
            Assert.Equal("/login", challenged.Headers.Location!.AbsolutePath);
        }
        await SignInAsync(browser, "alice", "alice-pw");

        var account = await browser.OpenAsync("account");
        Assert.Equal("alice", account.Text("#account-name"));
        Assert.True(account.Has("#admin-only"));
        Assert.False(account.Has("#not-admin"));
    }

    [Fact]
    public async Task SigningInKeepsTheBeansUnderANewSessionIdAndTokenAndTheOldTokenIsRefused()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var browser = server.NewBrowser();
        var cart = await browser.OpenAsync("cart");
        await cart.ChangeAsync("#item-name", "apples");
        await cart.ClickAsync("#add-item");
        var anonymousId = browser.SessionId;

        await SignInAsync(browser, "bob", "bob-pw");
        var account = await browser.OpenAsync("account");

        Assert.Equal("1", account.Text("#account-cart"));
        Assert.NotEqual(anonymousId, browser.SessionId);
        // The cart page's view was rendered for nobody, with the token from before the sign-in.
        var stale = await cart.SendAsync(cart.EventMessage(cart.Find("#add-item").GetAttribute("data-rf")!, "click"));
        Assert.Equal("bad-token", stale.ErrorCode);
    }

    [Fact]
    public async Task SigningOutEndsTheSessionAndItsBeansAreGone()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var browser = server.NewBrowser();
        await SignInAsync(browser, "alice", "alice-pw");
        var cart = await browser.OpenAsync("cart");
        await cart.ChangeAsync("#item-name", "secret plans");
        await cart.ClickAsync("#add-item");
        var signedInId = browser.SessionId;

        await PostFormAsync(browser, "account/logout", []);

        var again = await browser.OpenAsync("cart");
        Assert.NotEqual(signedInId, browser.SessionId);
        Assert.Equal("0", again.Text("#cart-count"));
    }

    [Fact]
    public async Task AnotherUserNeverGetsTheSessionOfTheFirst()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var browser = server.NewBrowser();
        await SignInAsync(browser, "alice", "alice-pw");
        var cart = await browser.OpenAsync("cart");
        await cart.ChangeAsync("#item-name", "alice's item");
        await cart.ClickAsync("#add-item");

        await SignInAsync(browser, "bob", "bob-pw");

        var bobs = await browser.OpenAsync("cart");
        Assert.Equal("0", bobs.Text("#cart-count"));
        var account = await browser.OpenAsync("account");
        Assert.Equal("bob", account.Text("#account-name"));
    }

    [Fact]
    public async Task ARequestFromBeforeTheSignInCannotEndTheSignedInSession()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var browser = server.NewBrowser();
        var loginPage = await browser.OpenAsync("login");
        var anonymousId = browser.SessionId;
        await SignInAsync(browser, "alice", "alice-pw");
        var account = await browser.OpenAsync("account");

        // The login page's tab, still open, speaks with the old cookie and without the sign-in cookie.
        using var stale = server.NewBrowser();
        stale.Cookies.Add(server.BaseAddress, new Cookie("rf-session", anonymousId));
        using var request = new HttpRequestMessage(HttpMethod.Get, "_rf/poll?view=" + loginPage.ViewId + "&n=1");
        using var answer = await stale.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Gone, answer.StatusCode);
        await account.NavigateAsync("cart");
        Assert.Equal("0", account.Text("#cart-count"));
        Assert.Equal(HttpStatusCode.OK, (await account.ResyncAsync()).Status);
    }

    [Fact]
    public async Task RequireAuthorizationOnMapRazorFacesCoversPagesAndEventsButNotTheScriptOrHealth()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(conventions: pages => pages.RequireAuthorization());
        using var browser = server.NewBrowser();

        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("counter")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.PostAsync("_rf/send", new StringContent("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("_rf/razorfaces.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("healthz")).StatusCode);

        await SignInAsync(browser, "bob", "bob-pw");
        var counter = await browser.OpenAsync("counter");
        await counter.ClickAsync("#increment");
        Assert.Equal("1", counter.Text("#count"));
    }

    [Fact]
    public async Task AViewsComponentsAreToldOnlyWhenWhatTheyCanSeeOfTheUserChanged()
    {
        var provider = new ViewAuthenticationStateProvider();
        var told = 0;
        provider.AuthenticationStateChanged += _ => told++;
        ClaimsPrincipal User(params string[] roles) => new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "alice"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "cookie"));

        provider.SetUser(User("admin"));
        provider.SetUser(User("admin"));
        Assert.Equal(1, told);
        Assert.True((await provider.GetAuthenticationStateAsync()).User.IsInRole("admin"));

        provider.SetUser(User());
        Assert.Equal(2, told);
        Assert.False((await provider.GetAuthenticationStateAsync()).User.IsInRole("admin"));
    }

    private static Task SignInAsync(BrowserSession browser, string name, string password) =>
        PostFormAsync(browser, "account/login", new() { ["name"] = name, ["password"] = password, ["returnUrl"] = "/account" });

    private static async Task PostFormAsync(BrowserSession browser, string path, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        // What a browser sends with a form post of the site's own page.
        request.Headers.Add("Origin", browser.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var answer = await browser.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.DoesNotContain("failed", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}

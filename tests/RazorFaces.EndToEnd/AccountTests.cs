using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>
/// Signing in and out of the demo in Chromium, over both transports: an [Authorize] page sends nobody to the login
/// page, the sign-in keeps the session's beans under a new session id, AuthorizeView shows what the user's roles
/// allow, and signing out ends the session.
/// </summary>
public sealed class AccountTests(TransportNodesFixture fixture) : IClassFixture<TransportNodesFixture>
{
    [Theory]
    [InlineData("auto")]
    [InlineData("longpoll")]
    public async Task NobodyIsSentToLoginSignsInKeepsTheCartSeesTheirRolesAndSignsOut(string transport)
    {
        var node = transport == "auto" ? fixture.Auto : fixture.LongPoll;
        var page = await fixture.NewPageAsync(node, "cart");
        await page.FillAsync("#item-name", "apples");
        await page.ClickAsync("#add-item");
        await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("1");
        var before = await SessionCookieAsync(page);
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);

        // Inside the app: AuthorizeRouteView's NotAuthorized sends the browser to the login page.
        await page.ClickAsync("#nav-account");
        try
        {
            await ArrivesAtAsync(page, "/login?returnUrl=%2Faccount");
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            throw new TimeoutException($"Still at {page.Url}; console: {string.Join(" | ", console)}; node: {node.Output[^Math.Min(node.Output.Length, 4000)..]}", e);
        }
        await page.FillAsync("#login-name", "alice");
        await page.FillAsync("#login-password", "alice-pw");
        await page.ClickAsync("#login-submit");

        await ArrivesAtAsync(page, "/account");
        await Assertions.Expect(page.Locator("#account-name")).ToHaveTextAsync("alice");
        await Assertions.Expect(page.Locator("#admin-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#account-cart")).ToHaveTextAsync("1");
        Assert.Equal("Account · RazorFaces demo", await page.TitleAsync());
        var signedIn = await SessionCookieAsync(page);
        Assert.NotEqual(before, signedIn);

        // Events work in the signed-in session.
        await page.ClickAsync("#nav-cart");
        await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("1");
        await page.FillAsync("#item-name", "pears");
        await page.ClickAsync("#add-item");
        await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("2");
        Assert.Equal(transport == "auto" ? "signalr" : "longpoll", await page.EvaluateAsync<string>("() => window.RazorFaces.stats.transport"));

        await page.ClickAsync("#nav-account");
        await page.ClickAsync("#logout");
        await page.WaitForFunctionAsync("() => window.RazorFaces && window.RazorFaces.status === 'connected' && location.pathname === '/'");
        Assert.NotEqual(signedIn, await SessionCookieAsync(page));
        await page.GotoAsync("cart");
        await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("0");
        // A direct load of the [Authorize] page by nobody is challenged by ASP.NET Core itself.
        await page.GotoAsync("account");
        await ArrivesAtAsync(page, "/login?ReturnUrl=%2Faccount");
    }

    [Fact]
    public async Task AUserWithoutTheRoleSeesTheNotAuthorizedContentAndAWrongPasswordIsRefused()
    {
        var page = await fixture.NewPageAsync(fixture.Auto, "login");
        await page.FillAsync("#login-name", "bob");
        await page.FillAsync("#login-password", "wrong");
        await page.ClickAsync("#login-submit");
        await Assertions.Expect(page.Locator("#login-failed")).ToBeVisibleAsync();

        await page.FillAsync("#login-name", "bob");
        await page.FillAsync("#login-password", "bob-pw");
        await page.ClickAsync("#login-submit");
        await ArrivesAtAsync(page, "/account");
        await Assertions.Expect(page.Locator("#account-name")).ToHaveTextAsync("bob");
        await Assertions.Expect(page.Locator("#not-admin")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#admin-only")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Waits until the page shows <paramref name="pathAndQuery"/> with its client connected. Polled rather than
    /// <c>WaitForURLAsync</c>: that one reads the URL, then listens for the navigation, and can miss a navigation
    /// that commits between the two (a CI run timed out on the login page it was already showing).
    /// </summary>
    private static async Task ArrivesAtAsync(IPage page, string pathAndQuery)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(pathAndQuery) + "$"));
        await page.WaitForFunctionAsync("() => window.RazorFaces && window.RazorFaces.status === 'connected'");
    }

    private static async Task<string?> SessionCookieAsync(IPage page) =>
        (await page.Context.CookiesAsync()).FirstOrDefault(c => c.Name == "rf-session")?.Value;
}

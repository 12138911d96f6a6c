using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Demo.App.Account;

/// <summary>
/// The demo's sign-in: ASP.NET Core cookie authentication against a fixed list of demo users, with a plain HTML form
/// posted to <c>/account/login</c> and <c>/account/logout</c> (a sign-in must set a cookie, which only an HTTP
/// answer can). RazorFaces reads the user from each request (<c>AuthenticationStateProvider</c>), binds the session
/// to it, and gives the session a new id and CSRF token at sign-in (docs/blazor-differences.md, "Authentication").
/// </summary>
public static class DemoAccounts
{
    /// <summary>The demo users: name, password and roles (shown on the login page; a demo, not a user store).</summary>
    public static IReadOnlyList<(string Name, string Password, string[] Roles)> Users { get; } =
    [
        ("alice", "alice-pw", ["admin"]),
        ("bob", "bob-pw", []),
    ];

    public const string LoginPath = "/login";

    /// <summary>Cookie authentication, authorization, and the user as a cascading value for every component.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.Cookie.Name = "rf-demo-auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
    }

    /// <summary><c>POST /account/login</c> (form: name, password, returnUrl) and <c>POST /account/logout</c>.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/login", async (HttpContext context) =>
        {
            if (!FromThisSite(context))
            {
                return Results.BadRequest("A sign-in is accepted only from this site's own login page.");
            }
            var form = await context.Request.ReadFormAsync();
            var returnUrl = LocalOrHome(form["returnUrl"].ToString());
            var user = Users.FirstOrDefault(u => u.Name == form["name"].ToString() && u.Password == form["password"].ToString());
            if (user.Name is null)
            {
                return Results.Redirect($"{context.Request.PathBase}{LoginPath}?failed=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
            }
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, user.Name), new Claim(ClaimTypes.Name, user.Name), .. user.Roles.Select(r => new Claim(ClaimTypes.Role, r))],
                CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(new ClaimsPrincipal(identity));
            return Results.Redirect(context.Request.PathBase + returnUrl);
        }).DisableAntiforgery();
        endpoints.MapPost("/account/logout", async (HttpContext context) =>
        {
            if (!FromThisSite(context))
            {
                return Results.BadRequest("A sign-out is accepted only from this site's own pages.");
            }
            await context.SignOutAsync();
            return Results.Redirect(context.Request.PathBase + "/");
        }).DisableAntiforgery();
    }

    // Against cross-site form posts (login CSRF): browsers send Origin with every form POST; it must be this site.
    private static bool FromThisSite(HttpContext context) =>
        Uri.TryCreate(context.Request.Headers.Origin.ToString(), UriKind.Absolute, out var origin)
        && string.Equals(origin.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);

    // Only an address inside this app: an open redirect would send a freshly signed-in user anywhere.
    private static string LocalOrHome(string returnUrl) =>
        returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}

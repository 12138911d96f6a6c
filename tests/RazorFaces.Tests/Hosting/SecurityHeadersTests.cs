using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RazorFaces.Hosting;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Hosting;

/// <summary>
/// Hardening row 7: no page had X-Content-Type-Options or frame-ancestors/X-Frame-Options, and a same-site page framed
/// <c>/counter</c> and drove it in the victim's session. (That the client satisfies the policy, and that Chromium
/// refuses the frame, is proven in tests/RazorFaces.EndToEnd/SecurityHeadersTests.cs.)
/// </summary>
public sealed class SecurityHeadersTests
{
    [Fact]
    public async Task PagesTheClientScriptAndTheTransportsAnswerWithTheSecurityHeadersByDefault()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");

        using var page = await browser.Http.GetAsync("counter");
        using var script = await browser.Http.GetAsync("_rf/razorfaces.js");
        using var send = await browser.Http.PostAsync("_rf/send", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var ticket = await browser.Http.PostAsync("_rf/ticket", content: null);
        using var notFound = await browser.Http.GetAsync("no-such-page");

        foreach (var response in new[] { page, script, send, ticket })
        {
            var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.AbsolutePath} ({(int)response.StatusCode})";
            Assert.True(Header(response, "X-Content-Type-Options") == "nosniff", what);
            Assert.True(Header(response, "X-Frame-Options") == "SAMEORIGIN", what);
            Assert.True(Header(response, "Content-Security-Policy") == SecurityHeadersOptions.DefaultContentSecurityPolicy, what);
            Assert.True(Header(response, "Referrer-Policy") == "same-origin", what);
        }
        Assert.Contains("frame-ancestors 'self'", SecurityHeadersOptions.DefaultContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", SecurityHeadersOptions.DefaultContentSecurityPolicy, StringComparison.Ordinal);
        // What nothing of RazorFaces answered is the app's business.
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Null(Header(notFound, "Content-Security-Policy"));
    }

    [Fact]
    public async Task TheHostPageHasNoInlineScriptForThePolicyToRefuse()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var browser = server.NewBrowser();

        var html = await browser.Http.GetStringAsync("counter");
        using var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        var script = Assert.Single(document.Scripts);
        Assert.Equal("/_rf/razorfaces.js", script.Source);
        Assert.Equal(string.Empty, script.Text);
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EachSecurityHeaderCanBeChangedOrLeftOut()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(o =>
        {
            o.SecurityHeaders.ContentSecurityPolicy = "default-src 'self'; frame-ancestors https://partner.example";
            o.SecurityHeaders.FrameOptions = null;
            o.SecurityHeaders.ReferrerPolicy = string.Empty;
        });
        using var browser = server.NewBrowser();

        using var page = await browser.Http.GetAsync("counter");

        Assert.Equal("default-src 'self'; frame-ancestors https://partner.example", Header(page, "Content-Security-Policy"));
        Assert.Null(Header(page, "X-Frame-Options"));
        Assert.Null(Header(page, "Referrer-Policy"));
        Assert.Equal("nosniff", Header(page, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task TheAppsOwnEndpointsGetNoHeadersAndAHeaderTheAppSetsItselfIsKept()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(pipeline: app =>
        {
            app.Use((context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/counter"))
                {
                    context.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
                }
                return next(context);
            });
            app.MapGet("/api/ping", () => "pong");
        });
        using var browser = server.NewBrowser();

        using var own = await browser.Http.GetAsync("api/ping");
        using var page = await browser.Http.GetAsync("counter");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Null(Header(own, "Content-Security-Policy"));
        Assert.Null(Header(own, "X-Frame-Options"));
        Assert.Equal("default-src 'none'", Header(page, "Content-Security-Policy"));
        Assert.Equal("SAMEORIGIN", Header(page, "X-Frame-Options"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}

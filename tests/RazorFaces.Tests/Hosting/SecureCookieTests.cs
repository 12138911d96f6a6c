using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Hosting;

/// <summary>
/// Hardening row 8: behind a proxy that terminates TLS (<c>X-Forwarded-Proto: https</c>) the session cookies never got
/// <c>Secure</c>. They get it whenever the request is HTTPS, which the app's forwarded-headers middleware decides.
/// </summary>
public sealed class SecureCookieTests
{
    [Fact]
    public async Task SessionAndAffinityCookiesAreSecureBehindATlsTerminatingProxyWhenTheAppHonoursForwardedHeaders()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(pipeline: app =>
            app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto }));

        var cookies = await PageCookiesAsync(server.BaseAddress, forwardedProto: "https");

        Assert.True(cookies["rf-session"].Secure, "rf-session is not Secure");
        Assert.True(cookies["rf-node"].Secure, "rf-node is not Secure");
    }

    [Fact]
    public async Task CookiesAreNotSecureOverPlainHttp()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(pipeline: app =>
            app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto }));

        var cookies = await PageCookiesAsync(server.BaseAddress, forwardedProto: null);

        Assert.False(cookies["rf-session"].Secure);
        Assert.False(cookies["rf-node"].Secure);
    }

    [Fact]
    public async Task AForwardedProtoIsNotBelievedUnlessTheAppAsksForIt()
    {
        // Anyone can send the header; only the app knows whether a proxy it trusts stands in front of it.
        await using var server = await RazorFacesTestServer.StartDemoAsync();

        var cookies = await PageCookiesAsync(server.BaseAddress, forwardedProto: "https");

        Assert.False(cookies["rf-session"].Secure);
    }

    [Fact]
    public async Task CookiesAreSecureOverHttps()
    {
        using var certificate = SelfSigned();
        await using var server = await RazorFacesTestServer.StartDemoAsync(https: certificate);
        Assert.Equal("https", server.BaseAddress.Scheme);

        var cookies = await PageCookiesAsync(server.BaseAddress, forwardedProto: null);

        Assert.True(cookies["rf-session"].Secure);
        Assert.True(cookies["rf-node"].Secure);
    }

    // The cookies the first GET of a page sets, by name, read from the Set-Cookie headers.
    private static async Task<Dictionary<string, Cookie>> PageCookiesAsync(Uri baseAddress, string? forwardedProto)
    {
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "counter");
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var jar = new CookieContainer();
        // The container drops Secure cookies for an http address; read them as if for https to see the flag.
        var asHttps = new UriBuilder(baseAddress) { Scheme = "https" }.Uri;
        foreach (var header in response.Headers.GetValues("Set-Cookie"))
        {
            jar.SetCookies(asHttps, header);
        }
        return jar.GetCookies(asHttps).ToDictionary(c => c.Name);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Through PKCS#12, so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}

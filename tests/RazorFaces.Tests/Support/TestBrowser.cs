using System.Net;

namespace RazorFaces.Tests.Support;

/// <summary>
/// One browser session: an <see cref="HttpClient"/> with its own cookie container, so the server's
/// <c>rf-session</c> cookie goes with every request, as a browser would send it.
/// </summary>
public sealed class TestBrowser : IDisposable
{
    /// <summary>A session against <paramref name="baseAddress"/>.</summary>
    public TestBrowser(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            // A long-poll can legitimately wait for the server's whole poll timeout.
            Timeout = TimeSpan.FromSeconds(90),
        };
    }

    /// <summary>The session's cookies.</summary>
    public CookieContainer Cookies { get; }

    /// <summary>The client every view of this session uses.</summary>
    public HttpClient Http { get; }

    /// <summary>GETs <paramref name="path"/> (relative to the server) and takes over the view it renders.</summary>
    public Task<LongPollTestClient> OpenAsync(string path) => LongPollTestClient.OpenAsync(this, path);

    /// <inheritdoc />
    public void Dispose() => Http.Dispose();
}

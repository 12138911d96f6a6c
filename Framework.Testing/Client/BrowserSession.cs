using System.Net;
using AngleSharp.Html.Parser;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

/// <summary>
/// One browser against a RazorFaces app: a cookie jar (so its own session, named by the <c>rf-session</c> cookie)
/// and an HTTP connection, from which it opens pages as <see cref="ViewClient"/>s — the browser tabs.
/// </summary>
public sealed class BrowserSession : IDisposable
{
    private readonly List<ViewClient> _views = [];

    /// <summary>A browser with no cookies yet, against <paramref name="baseAddress"/>.</summary>
    public BrowserSession(Uri baseAddress, ClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        BaseAddress = baseAddress;
        Options = options ?? new ClientOptions();
        Http = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = Cookies,
            UseCookies = true,
            AllowAutoRedirect = false,
            // A node that was killed and restarted must not be reached through a connection of its former life.
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        })
        {
            BaseAddress = baseAddress,
            Timeout = Options.RequestTimeout,
        };
    }

    /// <summary>
    /// Where the views' requests go. A test may move the browser to another node: cookies belong to the host, not
    /// the port, as in a browser, so the session goes along.
    /// </summary>
    public Uri BaseAddress { get; set; }

    /// <summary>The browser's cookies.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>
    /// The browser's HTTP client, for requests a test makes by hand (a malformed body, a missing header): it sends
    /// the cookies, and its own base address is the first <see cref="BaseAddress"/>.
    /// </summary>
    public HttpClient Http { get; }

    /// <summary>How the views behave.</summary>
    public ClientOptions Options { get; }

    /// <summary>The session id (the <c>rf-session</c> cookie).</summary>
    /// <exception cref="InvalidOperationException">The browser has no session cookie yet.</exception>
    public string SessionId =>
        Cookies.GetCookies(BaseAddress)[ProtocolConstants.SessionCookie]?.Value
        ?? throw new InvalidOperationException("The browser has no session cookie.");

    /// <summary>
    /// GETs a page (relative to <see cref="BaseAddress"/>), retrying while the server answers 5xx or not at all,
    /// and takes over the view it renders.
    /// </summary>
    /// <exception cref="InvalidOperationException">The page was answered with another status than 200, or not within <see cref="ClientOptions.RetryFor"/>.</exception>
    public async Task<ViewClient> OpenAsync(string path, TransportKind transport = TransportKind.LongPoll)
    {
        ArgumentNullException.ThrowIfNull(path);
        var failures = new List<string>();
        var (document, page) = await LoadAsync(path, failures);
        var view = await ViewClient.StartAsync(this, document, page, transport, failures);
        lock (_views)
        {
            _views.Add(view);
        }
        return view;
    }

    /// <summary>Closes the browser: its tabs stop their own work and their hub connections close (without waiting).</summary>
    public void Dispose()
    {
        ViewClient[] views;
        lock (_views)
        {
            views = [.. _views];
            _views.Clear();
        }
        foreach (var view in views)
        {
            _ = view.DisposeAsync().AsTask();
        }
        Http.Dispose();
    }

    internal Uri Resolve(string path) => new(BaseAddress, path.TrimStart('/'));

    internal async Task<(ViewDocument Document, HostPage Page)> LoadAsync(string path, List<string> failures)
    {
        var clock = Options.TimeProvider;
        var deadline = clock.GetUtcNow() + Options.RetryFor;
        for (var attempt = 0; ; attempt++)
        {
            var uri = Resolve(path);
            string why;
            try
            {
                using var response = await Http.GetAsync(uri);
                var html = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    // AngleSharp parsers are not safe to share between threads, and tests run in parallel.
                    var document = new HtmlParser().ParseDocument(html);
                    var url = response.RequestMessage?.RequestUri?.AbsoluteUri ?? uri.AbsoluteUri;
                    return (new ViewDocument(document) { ThrowOnUnfitPatch = Options.ThrowOnUnfitPatch }, HostPage.Read(document, url));
                }
                if ((int)response.StatusCode < 500)
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {html}");
                }
                why = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                why = e.GetType().Name;
            }
            lock (failures)
            {
                failures.Add($"GET {path}: {why}");
            }
            if (clock.GetUtcNow() >= deadline)
            {
                throw new InvalidOperationException($"GET {path} did not succeed within {Options.RetryFor}: {string.Join("; ", failures)}");
            }
            await Task.Delay(Backoff.Delay(attempt, Options.Random), clock);
        }
    }
}

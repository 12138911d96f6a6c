using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RazorFaces.Protocol;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>
/// A browser stand-in on one view that speaks docs/protocol.md over HTTP: its own cookies (so its own session,
/// unless it shares a <see cref="CookieContainer"/>), events retried with the same id and <c>n</c> after a network
/// error or a 5xx (as the real client does), updates applied in view-number order to an AngleSharp copy of the
/// view, and a record of what it saw: every status that was not 200, and every (view, n) reached with its text,
/// so a view number that came back with a different content is caught.
/// </summary>
public sealed class ProtocolClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly HtmlParser _parser = new();
    private readonly Lock _sync = new();
    private readonly SortedDictionary<int, JsonElement> _heldBack = [];
    private readonly Dictionary<(string View, int N), string> _seen = [];
    private readonly List<string> _collisions = [];
    private readonly List<string> _failures = [];
    private IElement _root = null!;
    private long _nextId = 1;

    public ProtocolClient(Uri address, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        Address = address;
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            Timeout = TimeSpan.FromSeconds(45),
        };
    }

    /// <summary>Where requests go; a test may point the same view at another node.</summary>
    public Uri Address { get; set; }

    public CookieContainer Cookies { get; }

    public string ViewId { get; private set; } = string.Empty;

    public int Number { get; private set; }

    public string Token { get; private set; } = string.Empty;

    public string Url { get; private set; } = string.Empty;

    /// <summary>Events answered 200.</summary>
    public int Acknowledged { get; private set; }

    /// <summary>Every answer other than 200, as "status code" (e.g. <c>503 busy</c>, <c>502 </c>, <c>410 session-expired</c>).</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_sync)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>Each (view, n) reached twice with different texts.</summary>
    public IReadOnlyList<string> Collisions
    {
        get
        {
            lock (_sync)
            {
                return [.. _collisions];
            }
        }
    }

    /// <summary>How many times the server started this client's view afresh under a new id (state lost).</summary>
    public int ViewsAdopted { get; private set; }

    public string Text(string selector)
    {
        lock (_sync)
        {
            return _root.QuerySelector(selector)?.TextContent
                ?? throw new InvalidOperationException($"No '{selector}' in view {ViewId}: {_root.InnerHtml}");
        }
    }

    /// <summary>GETs a page (retrying while the cluster answers 5xx) and takes its view.</summary>
    public async Task OpenAsync(string path, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync(new Uri(Address, path));
                var html = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var document = _parser.ParseDocument(html);
                    lock (_sync)
                    {
                        _root = document.GetElementById(ProtocolConstants.RootElementId) ?? throw new InvalidOperationException("No #rf-root: " + html);
                        ViewId = _root.GetAttribute("data-rf-view")!;
                        Number = int.Parse(_root.GetAttribute("data-rf-n")!, System.Globalization.CultureInfo.InvariantCulture);
                        Token = document.QuerySelector("meta[name=rf-token]")!.GetAttribute("content")!;
                        Url = response.RequestMessage!.RequestUri!.AbsoluteUri;
                        Record();
                    }
                    return;
                }
                Fail($"GET {path}: {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Fail($"GET {path}: {e.GetType().Name}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"GET {path} did not succeed within the patience given. Seen: {string.Join("; ", Failures)}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>A left click on <paramref name="selector"/>, retried like the browser does; true when acknowledged (200).</summary>
    public Task<bool> ClickAsync(string selector, TimeSpan? patience = null) =>
        SendWithRetriesAsync(ClickMessage(selector), patience ?? TimeSpan.FromSeconds(60), acknowledge: true);

    /// <summary>The event message a click on <paramref name="selector"/> sends (it takes the next event id).</summary>
    public JsonObject ClickMessage(string selector)
    {
        lock (_sync)
        {
            var element = _root.QuerySelector(selector) ?? throw new InvalidOperationException($"No '{selector}' in view {ViewId}: {_root.InnerHtml}");
            return new JsonObject
            {
                ["t"] = MessageTypes.Event,
                ["view"] = ViewId,
                ["n"] = Number,
                ["id"] = _nextId++,
                ["target"] = element.GetAttribute(ProtocolConstants.TargetAttribute),
                ["name"] = "click",
                ["args"] = new JsonObject { ["button"] = 0, ["detail"] = 1, ["type"] = "click" },
                ["url"] = Url,
            };
        }
    }

    /// <summary>Asks for a refresh (retried like an event) and applies it: afterwards the copy is what the server holds.</summary>
    public Task<bool> ResyncAsync(TimeSpan? patience = null)
    {
        JsonObject message;
        lock (_sync)
        {
            message = new JsonObject { ["t"] = MessageTypes.Resync, ["view"] = ViewId, ["n"] = Number, ["url"] = Url };
        }
        return SendWithRetriesAsync(message, patience ?? TimeSpan.FromSeconds(60), acknowledge: false);
    }

    /// <summary>One POST of <paramref name="message"/> without retries: the raw status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostOnceAsync(JsonNode message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, "_rf/send"))
        {
            Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ProtocolConstants.TokenHeader, Token);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls again and again, as the browser does, until <paramref name="cancellationToken"/> fires.</summary>
    public async Task PollLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await PollOnceAsync(cancellationToken) == HttpStatusCode.OK)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Fail("poll: " + e.GetType().Name);
            }
            await Task.Delay(250, CancellationToken.None);
        }
    }

    /// <summary>One long-poll from the current number; its answer is applied when it is 200.</summary>
    public async Task<HttpStatusCode> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        string uri;
        lock (_sync)
        {
            uri = $"_rf/poll?view={Uri.EscapeDataString(ViewId)}&n={Number}&url={Uri.EscapeDataString(Url)}";
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Address, uri));
        request.Headers.Add(ProtocolConstants.TokenHeader, Token);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Apply(body);
        }
        else
        {
            Fail($"poll: {(int)response.StatusCode} {ErrorCode(body)}");
        }
        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();

    private async Task<bool> SendWithRetriesAsync(JsonObject message, TimeSpan patience, bool acknowledge)
    {
        var deadline = DateTime.UtcNow + patience;
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            string outcome;
            try
            {
                var (status, body) = await PostOnceAsync(message);
                if (status == HttpStatusCode.OK)
                {
                    Apply(body);
                    if (acknowledge)
                    {
                        Acknowledged++;
                    }
                    return true;
                }
                outcome = $"{(int)status} {ErrorCode(body)}";
                Fail($"{message["t"]}: {outcome}");
                if ((int)status < 500)
                {
                    return false;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                outcome = e.GetType().Name;
                Fail($"{message["t"]}: {outcome}");
            }
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            // Backoff as the real client's: a dead node or Redis outage is not hammered.
            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 2000));
        }
    }

    private void Apply(string body)
    {
        using var json = JsonDocument.Parse(body);
        lock (_sync)
        {
            foreach (var message in json.RootElement.EnumerateArray())
            {
                var type = message.GetProperty("t").GetString();
                var view = message.TryGetProperty("view", out var v) ? v.GetString() : null;
                var n = message.TryGetProperty("n", out var nn) ? nn.GetInt32() : 0;
                if (type == MessageTypes.Refresh && view != ViewId)
                {
                    ViewsAdopted++;
                    ViewId = view!;
                    Number = 0;
                    _heldBack.Clear();
                }
                if (view != ViewId)
                {
                    continue;
                }
                if (type == MessageTypes.Update && n > Number)
                {
                    _heldBack[n] = message.Clone();
                }
                else if (type == MessageTypes.Refresh && n >= Number)
                {
                    RazorFaces.Testing.Internal.DocumentPatcher.Refresh(_root, message.GetProperty("html").GetString()!);
                    Number = n;
                    Record();
                    foreach (var covered in _heldBack.Keys.Where(k => k <= Number).ToList())
                    {
                        _heldBack.Remove(covered);
                    }
                }
            }
            while (_heldBack.Remove(Number + 1, out var next))
            {
                RazorFaces.Testing.Internal.DocumentPatcher.Apply(_root, next.GetProperty("patches"));
                Number++;
                Record();
            }
        }
    }

    private void Record()
    {
        var text = _root.TextContent;
        if (_seen.TryGetValue((ViewId, Number), out var before) && before != text)
        {
            _collisions.Add($"view {ViewId} n={Number}: '{before}' then '{text}'");
        }
        _seen[(ViewId, Number)] = text;
    }

    private void Fail(string what)
    {
        lock (_sync)
        {
            _failures.Add(what);
        }
    }

    private static string ErrorCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() ?? string.Empty : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }
}

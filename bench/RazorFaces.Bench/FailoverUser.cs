using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>
/// A /counter tab in a cluster, with the routing a load balancer would do: requests go to the node it is on;
/// when that node refuses the connection (or drops it) the same message goes straight to the next node (haproxy's
/// <c>option redispatch</c>); a 5xx (<c>busy</c>, <c>store-unavailable</c>) is retried on the same node with the
/// browser client's backoff (250 ms × 2^attempt, half of it random). Answers are applied as the browser applies
/// them (the shared ordering core, <see cref="LeanView"/>) and checked: an <c>update</c> with the next count, or a
/// <c>refresh</c> (perhaps of a view started afresh under a new id) whose HTML shows it.
/// </summary>
internal sealed class FailoverUser(IReadOnlyList<Uri> nodes, Random random) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private HostPageInfo _page = null!;
    private LeanView _view = null!;
    private long _eventId;

    /// <summary>Index into the node list of the node this tab talks to.</summary>
    public int Node { get; private set; }

    /// <summary>The count the page shows.</summary>
    public int Count => _view.Count;

    /// <summary>Requests that reached no node or got a 5xx, since the last <see cref="ClickAsync"/> began.</summary>
    public int Failures { get; private set; }

    /// <summary>The session id from the session cookie.</summary>
    public string SessionId =>
        _cookies.GetCookies(nodes[0])["rf-session"]?.Value ?? throw new InvalidOperationException("No session cookie yet.");

    /// <summary>How the last successful answer came: <c>update</c>, <c>update (rebuilt)</c> or <c>refresh</c>.</summary>
    public string LastAnswerKind { get; private set; } = "";

    public async Task OpenAsync(int node)
    {
        Node = node;
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(nodes[node], "counter")));
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        _page = HostPageInfo.Parse(html);
        _view = new LeanView(_page.ViewId, _page.Number, response.RequestMessage!.RequestUri!.AbsoluteUri, CounterDocument.CountIn(html));
    }

    /// <summary>Moves the tab to another node (what a sticky load balancer does once a node is back).</summary>
    public void RouteTo(int node) => Node = node;

    /// <summary>One click, retried until a node answers it; throws unless the count went up by one.</summary>
    public async Task ClickAsync(CancellationToken cancellationToken)
    {
        Failures = 0;
        var body = EventMessage();
        var attempt = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(nodes[Node], "_rf/send")) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = Json;
            request.Headers.Add("X-RF-Token", _page.Token);
            HttpResponseMessage response;
            try
            {
                response = await SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException or IOException || e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded)
            {
                // The node is gone: the load balancer sends the same request to the next node at once.
                Failures++;
                Node = (Node + 1) % nodes.Count;
                continue;
            }
            using (response)
            {
                var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if ((int)response.StatusCode >= 500)
                {
                    Failures++;
                    var ceiling = Math.Min(5000, 250 * Math.Pow(2, attempt++));
                    await Task.Delay(TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * random.NextDouble())), cancellationToken);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidDataException($"{nodes[Node]} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(answer)}");
                }
                Apply(answer);
                return;
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private void Apply(byte[] answer)
    {
        using var document = JsonDocument.Parse(answer);
        var expected = Count + 1;
        foreach (var message in document.RootElement.EnumerateArray())
        {
            LastAnswerKind = message.GetProperty("t").GetString() switch
            {
                "refresh" => "refresh",
                "update" => message.TryGetProperty("rebuilt", out var rebuilt) && rebuilt.GetBoolean() ? "update (rebuilt)" : "update",
                _ => LastAnswerKind,
            };
        }
        _view.Receive(document.RootElement);
        if (Count != expected)
        {
            throw new InvalidDataException($"Expected the count {expected}, got {Encoding.UTF8.GetString(answer)}");
        }
    }

    private byte[] EventMessage()
    {
        var message = new Dictionary<string, object>
        {
            ["t"] = "event",
            ["view"] = _view.ViewId,
            ["n"] = _view.Number,
            ["id"] = ++_eventId,
            ["target"] = _page.Target("increment"),
            ["name"] = "click",
            ["args"] = new { detail = 1, button = 0 },
            ["url"] = new Uri(nodes[Node], "counter").ToString(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(message);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using (request)
        {
            // Cookies are per host, not per port (as in a browser), so every node sees the same session cookie.
            var cookie = _cookies.GetCookieHeader(request.RequestUri!);
            if (cookie.Length > 0)
            {
                request.Headers.Add("Cookie", cookie);
            }
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    _cookies.SetCookies(request.RequestUri!, setCookie);
                }
            }
            return response;
        }
    }
}

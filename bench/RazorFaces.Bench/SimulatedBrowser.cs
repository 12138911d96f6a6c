using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>
/// One browser tab as the protocol sees it (docs/protocol.md): a first GET, then event messages posted to
/// <c>/_rf/send</c> with the CSRF token header and the session cookie from its own cookie container. Answers are
/// applied through the shared client's ordering core (<see cref="LeanView"/>).
/// </summary>
/// <remarks>
/// The cookie container is applied by hand rather than by the handler, so that many browsers can share one
/// <see cref="HttpClient"/> (one connection) where the connections themselves must not be measured.
/// </remarks>
internal sealed class SimulatedBrowser(HttpClient http, Uri baseAddress)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly CookieContainer _cookies = new();
    private readonly Uri _send = new(baseAddress, "_rf/send");
    private readonly Uri _echo = new(baseAddress, BenchServer.EchoPath.TrimStart('/'));
    private long _eventId;

    public HostPageInfo Page { get; private set; } = null!;

    /// <summary>The view as this browser applied the answers (and, for a long-poll user, the polls).</summary>
    public LeanView View { get; private set; } = null!;

    /// <summary>The last view number this browser applied.</summary>
    public int Number => View.Number;

    /// <summary>The counter value the page shows, tracked from the patches.</summary>
    public int Count => View.Count;

    /// <summary>The body of the last message sent and the last answer received.</summary>
    public byte[] LastRequest { get; private set; } = [];

    public byte[] LastAnswer { get; private set; } = [];

    /// <summary>The session id from the session cookie the server set.</summary>
    public string SessionId =>
        _cookies.GetCookies(baseAddress)["rf-session"]?.Value ?? throw new InvalidOperationException("No session cookie yet.");

    /// <summary>GETs a page; returns the HTML.</summary>
    public async Task<string> OpenAsync(string path)
    {
        var uri = new Uri(baseAddress, path.TrimStart('/'));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Page = HostPageInfo.Parse(html);
        View = new LeanView(Page.ViewId, Page.Number, uri.AbsoluteUri, CounterDocument.CountIn(html));
        return html;
    }

    /// <summary>Clicks the counter's increment button; throws unless the answer is exactly the update n + 1.</summary>
    public async Task ClickIncrementAsync()
    {
        // Read before sending: a poll may apply this click's update before its answer is checked.
        var (before, count) = View.State;
        using var answer = await SendEventAsync(Page.Target("increment"), "click", """{"detail":1,"button":0}""");
        var messages = answer.RootElement;
        if (messages.GetArrayLength() != 1
            || messages[0].GetProperty("t").GetString() != "update"
            || messages[0].GetProperty("n").GetInt32() != before + 1)
        {
            throw Unexpected("an update with n + 1");
        }
        var patches = messages[0].GetProperty("patches");
        var expected = (count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (patches.GetArrayLength() != 1 || patches[0][0].GetInt32() != 1 || !patches[0][2].ValueEquals(expected))
        {
            throw Unexpected($"one SetText patch to \"{expected}\"");
        }
    }

    /// <summary>Posts a message of the same size and with the same headers to the echo endpoint and checks it comes back.</summary>
    public async Task EchoAsync()
    {
        var body = EventMessage(Page.Target("increment"), "click", """{"detail":1,"button":0}""");
        using var answer = await PostAsync(_echo, body);
        if (!LastAnswer.AsSpan().SequenceEqual(body) || answer.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw Unexpected("the message echoed");
        }
    }

    /// <summary>Sends one event and applies the answer to <see cref="View"/>.</summary>
    public async Task<JsonDocument> SendEventAsync(string target, string name, string argsJson)
    {
        var answer = await PostAsync(_send, EventMessage(target, name, argsJson));
        View.Receive(answer.RootElement);
        return answer;
    }

    private byte[] EventMessage(string target, string name, string argsJson)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("t", "event");
            writer.WriteString("view", View.ViewId);
            writer.WriteNumber("n", Number);
            writer.WriteNumber("id", ++_eventId);
            writer.WriteString("target", target);
            writer.WriteString("name", name);
            writer.WritePropertyName("args");
            writer.WriteRawValue(argsJson);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private async Task<JsonDocument> PostAsync(Uri uri, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Add("X-RF-Token", Page.Token);
        using var response = await SendAsync(request);
        LastRequest = body;
        LastAnswer = await response.Content.ReadAsByteArrayAsync();
        return JsonDocument.Parse(LastAnswer);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        var cookie = _cookies.GetCookieHeader(request.RequestUri!);
        if (cookie.Length > 0)
        {
            request.Headers.Add("Cookie", cookie);
        }
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                _cookies.SetCookies(request.RequestUri!, setCookie);
            }
        }
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new HttpRequestException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}");
        }
        return response;
    }

    private InvalidDataException Unexpected(string expected) =>
        new($"Expected {expected} (view {Page.ViewId}, n {Number}, count {Count}), got {System.Text.Encoding.UTF8.GetString(LastAnswer)}");
}

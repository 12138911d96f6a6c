using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport.SignalR;

/// <summary>
/// A raw WebSocket client of <c>/_rf/hub</c> speaking the JSON hub protocol as docs/protocol.md describes it, for
/// the tests that must send what the real SignalR client never would (malformed frames, odd URLs, oversized
/// messages); well-behaved clients use the real one (<c>RazorFaces.Testing.Client.HubTransport</c>): negotiate, handshake, invocations (type 1) answered by
/// completions (type 3), and the server's <c>Receive</c> invocations, which it applies to a <see cref="ViewClient"/>'s view.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    // Escapes only what JSON requires (quotes, backslashes, control characters), as a browser's JSON.stringify does,
    // so a frame is as large as the browser's would be.
    private static readonly JsonSerializerOptions BrowserJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly List<JsonElement> _received = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reader = Task.CompletedTask;
    private int _nextInvocation;

    private HubTestClient(ViewClient view)
    {
        View = view;
    }

    /// <summary>The view whose DOM the answers and pushes are applied to.</summary>
    public ViewClient View { get; }

    /// <summary>Completes when the server closes the connection, with the error its close message gave (null: none).</summary>
    public Task<string?> Closed => _closed.Task;

    /// <summary>Every <c>Receive</c> the server pushed, in order (each one array of server messages, or an error object).</summary>
    public IReadOnlyList<JsonElement> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>
    /// Negotiates and connects with the browser's cookies and a ticket for the CSRF token (<paramref name="token"/>,
    /// default the view's) in the query string. A ticket refused (a wrong token) leaves the query without one, as a
    /// forger would have to connect.
    /// </summary>
    public static async Task<HubTestClient> ConnectAsync(BrowserSession browser, ViewClient view, string? token = null)
    {
        var ticket = await RequestTicketAsync(browser, token ?? view.Token);
        return await ConnectWithTicketAsync(browser, view, ticket.IsSuccessStatusCode ? ticket.Ticket : null);
    }

    /// <summary><c>POST /_rf/ticket</c> with <paramref name="token"/> in the token header.</summary>
    public static async Task<(bool IsSuccessStatusCode, int Status, string? Ticket, string Body)> RequestTicketAsync(BrowserSession browser, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "_rf/ticket");
        request.Headers.TryAddWithoutValidation("X-RF-Token", token);
        using var response = await browser.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var ticket = response.IsSuccessStatusCode ? JsonNode.Parse(body)!["ticket"]!.GetValue<string>() : null;
        return (response.IsSuccessStatusCode, (int)response.StatusCode, ticket, body);
    }

    /// <summary>
    /// Negotiates and connects with the browser's cookies and <paramref name="ticket"/> (none when null), plus
    /// <paramref name="extraQuery"/> in the WebSocket's query string.
    /// </summary>
    public static async Task<HubTestClient> ConnectWithTicketAsync(BrowserSession browser, ViewClient view, string? ticket, string? extraQuery = null)
    {
        var client = new HubTestClient(view);
        var query = (ticket is null ? string.Empty : $"&access_token={Uri.EscapeDataString(ticket)}") + (extraQuery is null ? string.Empty : "&" + extraQuery);
        using var negotiate = await browser.Http.PostAsync("_rf/hub/negotiate?negotiateVersion=1", content: null);
        var body = await negotiate.Content.ReadAsStringAsync();
        if (!negotiate.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Negotiate answered {(int)negotiate.StatusCode}: {body}");
        }
        var connectionToken = JsonNode.Parse(body)!["connectionToken"]!.GetValue<string>();
        client._socket.Options.Cookies = browser.Cookies;
        var address = new UriBuilder(new Uri(browser.Http.BaseAddress!, "_rf/hub")) { Scheme = "ws", Query = $"id={Uri.EscapeDataString(connectionToken)}{query}" };
        await client._socket.ConnectAsync(address.Uri, CancellationToken.None);
        await client.SendFrameAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await client.ReadFramesAsync();
        if (handshake.Count != 1 || handshake[0] != "{}")
        {
            throw new InvalidOperationException($"The handshake was answered with {string.Join("|", handshake)}");
        }
        client._reader = Task.Run(client.ReadLoopAsync);
        return client;
    }

    /// <summary>Calls hub method <paramref name="target"/> and waits for its completion's result.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextInvocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendFrameAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }, BrowserJson));
        return await completion.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Sends one client message through <c>Send</c> and applies the answer when it is an array.</summary>
    public async Task<JsonElement> SendAsync(JsonNode message)
    {
        var answer = await InvokeAsync("Send", message.ToJsonString(BrowserJson));
        Apply(answer);
        return answer;
    }

    /// <summary>Clicks <paramref name="selector"/> over the hub.</summary>
    public Task<JsonElement> ClickAsync(string selector) => SendAsync(View.EventMessage(
        View.TargetOf(selector, "click"), "click", new JsonObject { ["button"] = 0, ["detail"] = 1, ["type"] = "click" }));

    /// <summary>Sends <paramref name="bytes"/> as one WebSocket text message, exactly as given (no record separator added).</summary>
    public Task SendRawAsync(byte[] bytes) =>
        _socket.SendAsync(new ArraySegment<byte>(bytes), WebSocketMessageType.Text, endOfMessage: true, _stop.Token);

    /// <summary>Starts the server's pushes for the view from its current number.</summary>
    public Task<JsonElement> WatchAsync() => InvokeAsync("Watch", View.ViewId, View.Number, View.Url);

    private void Apply(JsonElement messages)
    {
        if (messages.ValueKind == JsonValueKind.Array)
        {
            View.Apply([.. messages.EnumerateArray().Select(ServerMessage.Read)]);
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                foreach (var frame in await ReadFramesAsync())
                {
                    using var document = JsonDocument.Parse(frame);
                    var root = document.RootElement;
                    switch (root.GetProperty("type").GetInt32())
                    {
                        case 3:
                            var id = root.GetProperty("invocationId").GetString()!;
                            if (_pending.TryRemove(id, out var completion))
                            {
                                if (root.TryGetProperty("error", out var error))
                                {
                                    completion.SetException(new InvalidOperationException($"Hub error: {error}"));
                                }
                                else
                                {
                                    completion.SetResult(root.GetProperty("result").Clone());
                                }
                            }
                            break;
                        case 7:
                            _closed.TrySetResult(root.TryGetProperty("error", out var reason) ? reason.GetString() : null);
                            break;
                        case 1 when root.GetProperty("target").GetString() == "Receive":
                            var pushed = root.GetProperty("arguments")[0].Clone();
                            Apply(pushed);
                            lock (_received)
                            {
                                _received.Add(pushed);
                            }
                            break;
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            _closed.TrySetResult(null);
            foreach (var completion in _pending.Values)
            {
                completion.TrySetException(e);
            }
        }
    }

    private async Task SendFrameAsync(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json + RecordSeparator);
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
    }

    // One WebSocket message carries one or more complete records.
    private async Task<List<string>> ReadFramesAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, _stop.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The server closed the connection.");
            }
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return [.. Encoding.UTF8.GetString(message.ToArray()).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                // Output only: the read loop is receiving, and sees the server's close frame.
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // The server dropped the connection first (a test sent it a frame it refused).
        }
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
            // Closing.
        }
        _socket.Dispose();
        _stop.Dispose();
    }
}

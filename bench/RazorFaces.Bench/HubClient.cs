using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>
/// A raw WebSocket client of <c>/_rf/hub</c> speaking the JSON hub protocol (docs/protocol.md, "SignalR"):
/// negotiate, handshake, invocations answered by completions, and the server's <c>Receive</c> pushes, each stamped
/// with <see cref="Stopwatch.GetTimestamp"/> the moment its frame is read.
/// </summary>
/// <remarks>
/// Raw on purpose, not the shared client's <c>HubTransport</c> (the .NET <c>HubConnection</c>): a push's time is taken
/// when its frame is read, before any client dispatch, and a thousand of these share the cores with the nodes, so
/// each costs one socket and one read loop. What the users do with the messages goes through the shared ordering
/// core (<see cref="LeanView"/>).
/// </remarks>
internal sealed class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;
    private int _nextInvocation;

    /// <summary>Called from the read loop with the raw <c>Receive</c> frame and the timestamp it was read at.</summary>
    public Action<string, long>? Pushed { get; set; }

    /// <summary>Negotiates with the browser's session cookie and token, connects and completes the handshake.</summary>
    public static async Task<HubClient> ConnectAsync(HttpClient http, Uri baseAddress, string cookieHeader, string token)
    {
        var client = new HubClient();
        await HubNegotiation.ConnectAsync(client._socket, http, baseAddress, cookieHeader, token);
        await client.SendFrameAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await client.ReadFramesAsync();
        if (handshake.Count != 1 || handshake[0] != "{}")
        {
            throw new InvalidOperationException("Handshake answered " + string.Join("|", handshake));
        }
        client._reader = Task.Run(client.ReadLoopAsync);
        return client;
    }

    /// <summary>Calls a hub method; returns the completion's <c>result</c> as raw JSON.</summary>
    public async Task<string> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextInvocation).ToString(CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendFrameAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        return await completion.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var frames = await ReadFramesAsync();
                var at = Stopwatch.GetTimestamp();
                foreach (var frame in frames)
                {
                    // Cheap checks first: 1,000 of these loops share the benchmark's cores with the nodes.
                    if (frame.StartsWith("{\"type\":3", StringComparison.Ordinal))
                    {
                        using var document = JsonDocument.Parse(frame);
                        var root = document.RootElement;
                        if (_pending.TryRemove(root.GetProperty("invocationId").GetString()!, out var completion))
                        {
                            if (root.TryGetProperty("result", out var result))
                            {
                                completion.TrySetResult(result.GetRawText());
                            }
                            else
                            {
                                completion.TrySetException(new InvalidOperationException("Hub error: " + frame));
                            }
                        }
                    }
                    else if (frame.Contains("\"target\":\"Receive\"", StringComparison.Ordinal))
                    {
                        Pushed?.Invoke(frame, at);
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            foreach (var completion in _pending.Values)
            {
                completion.TrySetException(e);
            }
        }
    }

    private Task SendFrameAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, _stop.Token);

    private async Task<List<string>> ReadFramesAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer.AsMemory(), _stop.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The server closed the connection.");
            }
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return [.. Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries)];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // The node is gone already.
        }
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
        }
        _socket.Dispose();
        _stop.Dispose();
    }
}

using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>
/// A raw, one-call-at-a-time WebSocket client of <c>/_rf/hub</c> (JSON hub protocol) that reports the exact bytes of
/// the frames a call is answered with, for counting bytes on the wire (<see cref="HubClient"/> is for latency; the shared
/// client's <c>HubConnection</c> does not show frames).
/// </summary>
internal sealed class HubFrameClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private int _nextInvocation;

    public static async Task<HubFrameClient> ConnectAsync(HttpClient http, Uri baseAddress, string sessionId, string token)
    {
        var client = new HubFrameClient();
        await HubNegotiation.ConnectAsync(client._socket, http, baseAddress, "rf-session=" + sessionId, token);
        await client.SendFrameAsync("{\"protocol\":\"json\",\"version\":1}");
        var (handshake, _) = await client.ReadMessageAsync();
        if (handshake != "{}" + RecordSeparator)
        {
            throw new InvalidOperationException("Handshake answered " + handshake);
        }
        return client;
    }

    /// <summary>Invokes <c>Send</c> with one client message; returns the completion's result and the bytes of the WebSocket messages read until it came.</summary>
    public async Task<(string Result, int FrameBytes, int SentBytes)> SendAsync(string message)
    {
        var id = (++_nextInvocation).ToString(CultureInfo.InvariantCulture);
        var sent = await SendFrameAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target = "Send", arguments = new[] { message } }));
        var received = 0;
        while (true)
        {
            var (text, bytes) = await ReadMessageAsync();
            received += bytes;
            foreach (var frame in text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                using var document = JsonDocument.Parse(frame);
                var root = document.RootElement;
                if (root.GetProperty("type").GetInt32() == 3 && root.GetProperty("invocationId").GetString() == id)
                {
                    return root.TryGetProperty("result", out var result)
                        ? (result.GetRawText(), received, sent)
                        : throw new InvalidOperationException("Hub error: " + frame);
                }
            }
        }
    }

    private async Task<int> SendFrameAsync(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json + RecordSeparator);
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        return bytes.Length;
    }

    private async Task<(string Text, int Bytes)> ReadMessageAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        ValueWebSocketReceiveResult result;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        do
        {
            result = await _socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The server closed the connection.");
            }
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return (Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length), (int)message.Length);
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
            // The server is gone already.
        }
        _socket.Dispose();
    }
}

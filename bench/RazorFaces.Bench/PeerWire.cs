using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace RazorFaces.Bench;

/// <summary>Bytes on the wire per counter click, both directions, as Chromium saw them.</summary>
/// <param name="Sent">Browser → server bytes per click: WebSocket payloads, or long-poll request bodies.</param>
/// <param name="Received">Server → browser bytes per click.</param>
/// <param name="Messages">WebSocket frames or HTTP requests per click.</param>
/// <param name="HeaderBytes">HTTP request and response headers per click (long-poll only; 0 on a WebSocket).</param>
internal sealed record PeerWireResult(string App, string Transport, int Clicks, double Sent, double Received, double Messages, double HeaderBytes);

/// <summary>
/// Counts what one page sends and receives while it clicks: WebSocket frames through the Chrome DevTools Protocol
/// (<c>Network.webSocketFrameSent</c>/<c>Received</c>, payloads only, keep-alive pings left out), long-poll requests
/// through Playwright's request sizes (bodies, and headers apart).
/// </summary>
internal static class PeerWire
{
    private const int Clicks = 20;

    // Keep-alive pings: SignalR's JSON ping, and the same message in Blazor's MessagePack ("blazorpack") framing.
    private static readonly byte[][] Pings = [Encoding.UTF8.GetBytes("{\"type\":6}\u001e"), [0x02, 0x91, 0x06]];

    public static async Task<PeerWireResult> MeasureAsync(PeerBrowser browser, PeerApp app, string transport)
    {
        var recording = false;
        long sent = 0, received = 0, messages = 0, headers = 0;
        var requests = new List<IRequest>();
        var page = await browser.OpenCounterAsync(app, async page =>
        {
            var cdp = await page.Context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Network.enable");
            cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => Count(e, ref sent);
            cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => Count(e, ref received);
            page.RequestFinished += (_, request) =>
            {
                if (recording && request.Url.Contains("/_rf/", StringComparison.Ordinal))
                {
                    lock (requests)
                    {
                        requests.Add(request);
                    }
                }
            };
        });

        void Count(JsonElement? frame, ref long total)
        {
            if (!recording || frame is not { } e || Payload(e.GetProperty("response")) is not { } payload || Pings.Any(p => p.AsSpan().SequenceEqual(payload)))
            {
                return;
            }
            Interlocked.Add(ref total, payload.Length);
            Interlocked.Increment(ref messages);
        }

        await Task.Delay(500);
        recording = true;
        for (var i = 0; i < Clicks; i++)
        {
            await PeerBrowser.ClickLoopAsync(page, 1, TimeSpan.FromSeconds(10));
            // What follows the update (Blazor's render acknowledgement) belongs to the click too.
            await Task.Delay(150);
        }
        recording = false;
        foreach (var request in requests)
        {
            var sizes = await request.SizesAsync();
            sent += sizes.RequestBodySize;
            received += sizes.ResponseBodySize;
            headers += sizes.RequestHeadersSize + sizes.ResponseHeadersSize;
            messages++;
        }
        await PeerBrowser.CloseAsync(page);
        return new PeerWireResult(app.Name, transport, Clicks, (double)sent / Clicks, (double)received / Clicks, (double)messages / Clicks, (double)headers / Clicks);
    }

    private static byte[]? Payload(JsonElement response)
    {
        var data = response.GetProperty("payloadData").GetString() ?? "";
        return response.GetProperty("opcode").GetInt32() switch
        {
            1 => Encoding.UTF8.GetBytes(data),
            2 => Convert.FromBase64String(data),
            _ => null,
        };
    }
}

using System.Net.WebSockets;
using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>
/// How a benchmark hub client gets in: a ticket for the page's CSRF token (the token itself never goes in a URL),
/// then the connection with the session cookie and the ticket.
/// </summary>
internal static class HubNegotiation
{
    /// <summary>A ticket from <c>POST /_rf/ticket</c>, as the browser gets one before each connection.</summary>
    public static async Task<string> TicketAsync(HttpClient http, Uri baseAddress, string cookieHeader, string token)
    {
        using var ticketRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "_rf/ticket"));
        ticketRequest.Headers.Add("Cookie", cookieHeader);
        ticketRequest.Headers.Add("X-RF-Token", token);
        using var ticketAnswer = await http.SendAsync(ticketRequest);
        var ticketBody = await ticketAnswer.Content.ReadAsStringAsync();
        if (!ticketAnswer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The ticket request answered {(int)ticketAnswer.StatusCode}: {ticketBody}");
        }
        return JsonDocument.Parse(ticketBody).RootElement.GetProperty("ticket").GetString()!;
    }

    /// <summary>Opens a raw WebSocket to the hub (for counting frame bytes: <see cref="HubFrameClient"/>).</summary>
    public static async Task ConnectAsync(ClientWebSocket socket, HttpClient http, Uri baseAddress, string cookieHeader, string token)
    {
        var query = "access_token=" + Uri.EscapeDataString(await TicketAsync(http, baseAddress, cookieHeader, token));
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "_rf/hub/negotiate?negotiateVersion=1"));
        negotiate.Headers.Add("Cookie", cookieHeader);
        using var answer = await http.SendAsync(negotiate);
        var body = await answer.Content.ReadAsStringAsync();
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Negotiate answered {(int)answer.StatusCode}: {body}");
        }
        var id = JsonDocument.Parse(body).RootElement.GetProperty("connectionToken").GetString()!;
        socket.Options.SetRequestHeader("Cookie", cookieHeader);
        var address = new UriBuilder(new Uri(baseAddress, "_rf/hub")) { Scheme = "ws", Query = $"id={Uri.EscapeDataString(id)}&{query}" };
        await socket.ConnectAsync(address.Uri, CancellationToken.None);
    }
}

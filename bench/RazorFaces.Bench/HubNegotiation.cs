using System.Net.WebSockets;
using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>
/// What every raw hub client of the benchmark does first: get a ticket for the CSRF token, negotiate with the session
/// cookie, then open the WebSocket with the ticket (the token itself never goes in a URL).
/// </summary>
internal static class HubNegotiation
{
    public static async Task ConnectAsync(ClientWebSocket socket, HttpClient http, Uri baseAddress, string cookieHeader, string token)
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
        var query = "access_token=" + Uri.EscapeDataString(JsonDocument.Parse(ticketBody).RootElement.GetProperty("ticket").GetString()!);
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

using System.Net.WebSockets;
using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>What every raw hub client of the benchmark does first: negotiate with the session cookie and token, then open the WebSocket.</summary>
internal static class HubNegotiation
{
    public static async Task ConnectAsync(ClientWebSocket socket, HttpClient http, Uri baseAddress, string cookieHeader, string token)
    {
        var query = "token=" + Uri.EscapeDataString(token);
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, $"_rf/hub/negotiate?negotiateVersion=1&{query}"));
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

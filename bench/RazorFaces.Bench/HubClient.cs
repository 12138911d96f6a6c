using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace RazorFaces.Bench;

/// <summary>
/// A well-behaved SignalR user of <c>/_rf/hub</c>: the real .NET SignalR client (<see cref="HubConnection"/>, JSON hub
/// protocol, WebSockets), connected as the browser connects (a ticket, the session cookie, one request), with the
/// server's <c>Receive</c> pushes stamped with <see cref="Stopwatch.GetTimestamp"/> as the client hands them over.
/// What the users do with the messages goes through the shared ordering core (<see cref="LeanView"/>). Only the wire
/// part counts raw frames (<see cref="HubFrameClient"/>).
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private HubClient(HubConnection connection)
    {
        _connection = connection;
        connection.On<JsonElement>("Receive", messages => Pushed?.Invoke(messages.GetRawText(), Stopwatch.GetTimestamp()));
    }

    /// <summary>Called with each pushed <c>Receive</c>'s messages (a JSON array, or an error object) and when they arrived.</summary>
    public Action<string, long>? Pushed { get; set; }

    /// <summary>Gets a ticket with the browser's session cookie and token, and connects.</summary>
    public static async Task<HubClient> ConnectAsync(HttpClient http, Uri baseAddress, string cookieHeader, string token)
    {
        var ticket = await HubNegotiation.TicketAsync(http, baseAddress, cookieHeader, token);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "_rf/hub?access_token=" + Uri.EscapeDataString(ticket)), HttpTransportType.WebSockets, options =>
            {
                // One request opens the connection, as in the browser.
                options.SkipNegotiation = true;
                options.Headers["Cookie"] = cookieHeader;
            })
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>Calls a hub method; returns its result as raw JSON.</summary>
    public async Task<string> InvokeAsync(string target, params object?[] arguments) =>
        (await _connection.InvokeCoreAsync<JsonElement>(target, arguments).WaitAsync(TimeSpan.FromSeconds(60))).GetRawText();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

/// <summary>
/// The SignalR transport (docs/protocol.md, "SignalR") over the .NET <see cref="HubConnection"/> with the JSON hub
/// protocol, connected as the browser client connects: WebSockets only, no negotiate request, a ticket for the
/// CSRF token (fetched with the token in a header) and the client version in the query string, the session cookie with the WebSocket request. <c>Send</c> carries client
/// messages; after <see cref="WatchAsync"/> the server pushes the view's updates (<see cref="Pushed"/>). A dropped
/// connection is replaced after the browser's backoff and, when it watched, watches again from
/// <see cref="Position"/> (<see cref="Rewatched"/>).
/// </summary>
public sealed class HubTransport : IViewTransport
{
    /// <summary>The hub method the server calls with pushed messages.</summary>
    public const string ReceiveMethod = "Receive";

    private readonly BrowserSession _session;
    private readonly string _token;
    private readonly string? _clientVersion;
    private readonly TimeSpan _heartbeat;
    private readonly Lock _sync = new();
    private readonly CancellationTokenSource _disposed = new();
    private HubConnection? _connection;
    private Task<HubConnection>? _connecting;
    private bool _watching;

    private HubTransport(BrowserSession session, string token, string? clientVersion, TimeSpan heartbeat)
    {
        _session = session;
        _token = token;
        _clientVersion = clientVersion;
        _heartbeat = heartbeat;
    }

    /// <summary>Every pushed <c>Receive</c>: an array of server messages, or an error object.</summary>
    public event Action<ServerAnswer>? Pushed;

    /// <summary>The answer of the <c>Watch</c> a new connection sent after the previous one dropped.</summary>
    public event Action<ServerAnswer>? Rewatched;

    /// <summary>The connection dropped (the reason); a new one follows after a backoff.</summary>
    public event Action<string>? Dropped;

    /// <summary>The view and number to watch again from after a reconnect (the client's current ones).</summary>
    public Func<(string ViewId, int Number, string Url)>? Position { get; set; }

    /// <inheritdoc />
    public string Name => "signalr";

    /// <summary>Opens a connection of <paramref name="session"/> with <paramref name="token"/> (the page's, or a wrong one on purpose).</summary>
    /// <exception cref="Exception">The connection could not be established (the hub client's own exception).</exception>
    public static async Task<HubTransport> ConnectAsync(BrowserSession session, string token, string? clientVersion = null, TimeSpan? heartbeat = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(token);
        var transport = new HubTransport(session, token, clientVersion, heartbeat ?? TimeSpan.FromSeconds(5));
        try
        {
            await transport.ConnectedAsync();
        }
        catch
        {
            await transport.DisposeAsync();
            throw;
        }
        return transport;
    }

    /// <inheritdoc />
    public Task<ServerAnswer> SendAsync(string message, CancellationToken cancellationToken = default) =>
        InvokeAsync("Send", [message], cancellationToken);

    /// <summary>
    /// Asks the server to push every update of <paramref name="viewId"/> newer than <paramref name="n"/> to this
    /// connection; <paramref name="url"/> is the page shown, for a view the session no longer knows. Answers <c>[]</c> or an error.
    /// </summary>
    public Task<ServerAnswer> WatchAsync(string viewId, int n, string url, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            _watching = true;
        }
        return InvokeAsync("Watch", [viewId, n, url], cancellationToken);
    }

    /// <inheritdoc />
    public Task<ServerAnswer> CloseAsync(string message) => InvokeAsync("Send", [message], CancellationToken.None);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        HubConnection? connection;
        lock (_sync)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }
            _disposed.Cancel();
            connection = _connection;
            _connection = null;
            _connecting = null;
        }
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
        _disposed.Dispose();
    }

    private async Task<ServerAnswer> InvokeAsync(string method, object?[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await ConnectedAsync();
            return ServerAnswer.ReadHub(await connection.InvokeCoreAsync<JsonElement>(method, arguments, cancellationToken));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not ObjectDisposedException)
        {
            // The connection broke while the message was on its way: the client sends it again (event ids make that safe).
            return ServerAnswer.Failed($"{method}: {e.GetType().Name}: {e.Message}");
        }
    }

    private Task<HubConnection> ConnectedAsync()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            if (_connecting is { } connecting && !connecting.IsFaulted && !connecting.IsCanceled)
            {
                return connecting;
            }
            _connecting = ConnectAsync();
            return _connecting;
        }
    }

    private async Task<HubConnection> ConnectAsync()
    {
        var connection = Build(await TicketAsync());
        lock (_sync)
        {
            _connection = connection;
        }
        await connection.StartAsync();
        return connection;
    }

    // A ticket for each connection, as the browser gets one: the CSRF token goes in a header of POST /_rf/ticket,
    // never in the hub's URL (docs/protocol.md, "SignalR"). Refused (a wrong token on purpose): no ticket, and the
    // server answers the connection's messages as it decides.
    private async Task<string?> TicketAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _session.Resolve(ProtocolConstants.EndpointPrefix + "/ticket"));
        request.Headers.TryAddWithoutValidation(ProtocolConstants.TokenHeader, _token);
        if (_clientVersion is not null)
        {
            request.Headers.TryAddWithoutValidation(ProtocolConstants.ClientVersionHeader, _clientVersion);
        }
        using var response = await _session.Http.SendAsync(request, _disposed.Token);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_disposed.Token));
        return answer.RootElement.GetProperty("ticket").GetString();
    }

    private HubConnection Build(string? ticket)
    {
        // Where the browser's SignalR client puts an access token on a WebSocket URL (the .NET client would send a header).
        var query = (_clientVersion is null ? "client=" : "client=" + Uri.EscapeDataString(_clientVersion))
            + (ticket is null ? string.Empty : "&access_token=" + Uri.EscapeDataString(ticket));
        var connection = new HubConnectionBuilder()
            .WithUrl(_session.Resolve($"{RazorFaces.Protocol.ProtocolConstants.EndpointPrefix}/hub?{query}"), HttpTransportType.WebSockets, options =>
            {
                // One request opens the connection, as in the browser: behind a load balancer it cannot negotiate on
                // one node and connect on another.
                options.SkipNegotiation = true;
                options.Cookies = _session.Cookies;
            })
            .Build();
        // Three missed keep-alives and a margin: the connection counts as dead and is replaced (as the browser's).
        connection.ServerTimeout = _heartbeat * 4;
        connection.On<JsonElement>(ReceiveMethod, payload => Pushed?.Invoke(ServerAnswer.ReadHub(payload)));
        connection.Closed += error => ClosedAsync(connection, error);
        return connection;
    }

    private Task ClosedAsync(HubConnection connection, Exception? error)
    {
        bool watching;
        lock (_sync)
        {
            if (_connection != connection || _disposed.IsCancellationRequested)
            {
                return Task.CompletedTask;
            }
            _connection = null;
            _connecting = null;
            watching = _watching;
        }
        Dropped?.Invoke(error?.Message ?? "the server closed the connection");
        if (watching)
        {
            _ = ReconnectAsync();
        }
        return Task.CompletedTask;
    }

    private async Task ReconnectAsync()
    {
        var options = _session.Options;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Task.Delay(Backoff.Delay(attempt, options.Random), options.TimeProvider, _disposed.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            if (Position?.Invoke() is not { } position)
            {
                return;
            }
            ServerAnswer answer;
            try
            {
                answer = await WatchAsync(position.ViewId, position.Number, position.Url);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            if (!answer.IsTransient)
            {
                Rewatched?.Invoke(answer);
                return;
            }
            Dropped?.Invoke(answer.ToString());
        }
    }
}

using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RazorFaces.Protocol;
using RazorFaces.Views;

namespace RazorFaces.Transport.SignalR;

/// <summary>
/// The SignalR transport (<c>/_rf/hub</c>, JSON hub protocol): <see cref="Send"/> carries one client message and
/// answers like <c>POST /_rf/send</c>; <see cref="Watch"/> starts pushing the view's server-initiated updates to the
/// connection (<c>Receive</c>), as <c>GET /_rf/poll</c> hands them out. See docs/protocol.md, "SignalR".
/// </summary>
internal sealed class RazorFacesHub(ClientMessageHandler handler, HubViewPumps pumps, IOptions<TransportOptions> options, TimeProvider time) : Hub
{
    public const string Path = ProtocolConstants.EndpointPrefix + "/hub";

    /// <summary>The client method that receives pushed server messages (one JSON array per call).</summary>
    public const string ReceiveMethod = "Receive";

    /// <summary>The query parameter of the connection's ticket (the name SignalR's client gives what its access token factory returns).</summary>
    public const string TicketParameter = "access_token";

    private const string OpenedAtItem = "rf-opened-at";

    /// <summary>One client message (the JSON of a <c>POST /_rf/send</c> body); answers the array of server messages, or an error object.</summary>
    public async Task<HubPayload> Send(string message)
    {
        string? viewId = null;
        try
        {
            // The limit applies to the message itself, as to a POST body; the frame limit leaves room for any
            // escaping (HubRegistration.FrameLimit), so an over-limit message is answered here, not by a close.
            var body = Encoding.UTF8.GetBytes(message);
            if (body.Length > options.Value.MaxMessageBytes)
            {
                throw MessageBody.TooLarge(options.Value.MaxMessageBytes);
            }
            var parsed = ClientMessageReader.Read(body);
            viewId = parsed.ViewId;
            // The pump holds back while this message runs, so the update it causes goes out once, in the answer.
            pumps.Sending(Context.ConnectionId);
            ViewAnswer? answer = null;
            try
            {
                answer = await handler.HandleAsync(parsed, HubRequest(parsed.Token));
            }
            finally
            {
                pumps.Answered(Context.ConnectionId, answer);
            }
            return HubJson.Messages(answer.ViewId, answer.Messages, handler.Metrics);
        }
        catch (OperationCanceledException) when (Context.ConnectionAborted.IsCancellationRequested)
        {
            // The connection went away while the message waited for its session: nobody is left to answer, and
            // nothing was changed. Not an error of the server's.
            return HubJson.Messages(viewId ?? string.Empty, [], metrics: null);
        }
        catch (Exception e) when (ClientMessageHandler.ToProtocolException(e) is { } error)
        {
            handler.LogRejection(viewId, error);
            return HubJson.Error(error);
        }
    }

    /// <summary>
    /// Pushes every update of <paramref name="viewId"/> newer than <paramref name="n"/> to this connection from now
    /// on (replacing what it watched before). A view this node does not hold is rebuilt, as a poll rebuilds it;
    /// <paramref name="url"/> is the page the browser shows, for a view the session no longer knows.
    /// Answers an empty array, or an error object.
    /// </summary>
    public async Task<HubPayload> Watch(string viewId, int n, string? url = null)
    {
        try
        {
            if (viewId.Length is 0 or > 64 || n < 0)
            {
                throw new ProtocolException(ErrorCodes.BadMessage, "Watch needs a view id and a non-negative whole 'n'.");
            }
            await pumps.StartAsync(Context.ConnectionId, HubRequest(token: null), viewId, n, url);
            return HubJson.Messages(viewId, [], metrics: null);
        }
        catch (Exception e) when (ClientMessageHandler.ToProtocolException(e) is { } error)
        {
            handler.LogRejection(viewId, error);
            return HubJson.Error(error);
        }
    }

    /// <inheritdoc />
    public override Task OnConnectedAsync()
    {
        // A ticket must be valid when the connection opens, not at every message of a connection that lives on.
        Context.Items[OpenedAtItem] = time.GetUtcNow();
        return base.OnConnectedAsync();
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await pumps.StopAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    // A ticket and the client version travel in the connection's query string (browsers cannot set headers on a
    // WebSocket), never the CSRF token: URLs get logged. A message's own token field works too, as for beacons.
    private TransportRequest HubRequest(string? token)
    {
        var context = Context.GetHttpContext()
            ?? throw new ProtocolException(ErrorCodes.BadMessage, "The hub connection has no HTTP request.");
        var query = context.Request.Query;
        var ticket = query[TicketParameter].ToString();
        return new TransportRequest(context, token, query["client"].ToString(), CanSetCookies: false, Context.ConnectionAborted)
        {
            Kind = TransportRequest.SignalRKind,
            Ticket = ticket.Length > 0 && Context.Items[OpenedAtItem] is DateTimeOffset openedAt ? new HubTicket(ticket, openedAt) : null,
        };
    }
}

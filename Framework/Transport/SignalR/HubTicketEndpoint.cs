using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RazorFaces.Protocol;

namespace RazorFaces.Transport.SignalR;

/// <summary>
/// <c>POST /_rf/ticket</c>: the CSRF token and client version in headers, as for <c>POST /_rf/send</c>; answers
/// <c>{"ticket":"…"}</c>, which the client puts in the hub URL instead of the token (see <see cref="HubTicket"/>).
/// </summary>
internal static class HubTicketEndpoint
{
    public const string Path = ProtocolConstants.EndpointPrefix + "/ticket";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, (HttpContext context, ClientMessageHandler handler, TimeProvider time) => IssueAsync(context, handler, time));

    private static async Task IssueAsync(HttpContext context, ClientMessageHandler handler, TimeProvider time)
    {
        int status;
        Action<Utf8JsonWriter> write;
        try
        {
            var ticket = await handler.IssueTicketAsync(TransportRequest.FromHttp(context), time.GetUtcNow());
            status = StatusCodes.Status200OK;
            write = w =>
            {
                w.WriteStartObject();
                w.WriteString("ticket", ticket);
                w.WriteEndObject();
            };
        }
        catch (Exception e) when (ClientMessageHandler.ToProtocolException(e) is { } error)
        {
            handler.LogRejection(viewId: null, error);
            status = ErrorStatus.For(error.Code);
            write = w => ServerMessageWriter.WriteError(w, error.Code, error.Message);
        }
        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        // Marked with this node: a sticky balancer then sends the WebSocket that follows here (any node can check the ticket).
        await JsonAnswer.WriteAsync(context, status, write);
    }
}

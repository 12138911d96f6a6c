using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using RazorFaces.Protocol;
using RazorFaces.Views;

namespace RazorFaces.Transport;

/// <summary>
/// The long-poll transport: <c>POST /_rf/send</c> carries one client message and answers with the
/// resulting updates once the session object is saved; <c>GET /_rf/poll</c> waits for updates nobody asked for.
/// </summary>
internal sealed class LongPollEndpoints(ClientMessageHandler handler, IOptions<TransportOptions> options, TimeProvider time)
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ProtocolConstants.EndpointPrefix + "/send",
            (HttpContext context, LongPollEndpoints handler) => handler.SendAsync(context));
        endpoints.MapGet(ProtocolConstants.EndpointPrefix + "/poll",
            (HttpContext context, LongPollEndpoints handler) => handler.PollAsync(context));
    }

    private async Task SendAsync(HttpContext context)
    {
        string? viewId = null;
        try
        {
            var body = await MessageBody.ReadAsync(context.Request, options.Value.MaxMessageBytes, context.RequestAborted);
            var message = ClientMessageReader.Read(body);
            viewId = message.ViewId;
            var answer = await handler.HandleAsync(message, TransportRequest.FromHttp(context));
            await JsonAnswer.WriteMessagesAsync(context, answer.ViewId, answer.Messages);
        }
        catch (Exception e) when (ClientMessageHandler.ToProtocolException(e) is { } error)
        {
            await RejectAsync(context, viewId, error);
        }
    }

    private async Task PollAsync(HttpContext context)
    {
        var viewId = context.Request.Query["view"].ToString();
        try
        {
            if (viewId.Length is 0 or > 64 || !int.TryParse(context.Request.Query["n"], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new ProtocolException(ErrorCodes.BadMessage, "A poll needs 'view' and a non-negative whole 'n'.");
            }
            var request = TransportRequest.FromHttp(context);
            var resolved = await handler.ResolveAsync(request, viewId, context.Request.Query["url"]);
            if (resolved.SessionEnded)
            {
                await JsonAnswer.WriteMessagesAsync(context, viewId, [new LocationMessage(request.BaseUri)]);
                return;
            }
            var view = resolved.Value;
            // Waiting happens without the session lock: a poll must never hold up the session's events.
            using var timeout = new CancellationTokenSource(options.Value.PollTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.RequestAborted);
            var messages = view.Id == viewId ? await view.WaitForMessagesAsync(number, linked.Token) : view.Refresh(reason: RefreshReasons.NewView);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            await JsonAnswer.WriteMessagesAsync(context, view.Id, messages);
        }
        catch (Exception e) when (ClientMessageHandler.ToProtocolException(e) is { } error)
        {
            await RejectAsync(context, viewId, error);
        }
    }

    private Task RejectAsync(HttpContext context, string? viewId, ProtocolException error)
    {
        handler.LogRejection(viewId, error);
        return context.RequestAborted.IsCancellationRequested || context.Response.HasStarted
            ? Task.CompletedTask
            : JsonAnswer.WriteAsync(context, ErrorStatus.For(error.Code), w => ServerMessageWriter.WriteError(w, error.Code, error.Message));
    }
}

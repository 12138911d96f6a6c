using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Hosting;
using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.Views;

namespace RazorFaces.Transport;

/// <summary>
/// The long-poll transport: <c>POST /_rf/send</c> carries one client message and answers with the
/// resulting updates; <c>GET /_rf/poll</c> waits for updates nobody asked for.
/// </summary>
internal sealed partial class LongPollEndpoints(
    SessionRegistry sessions, MessageDispatcher dispatcher, IOptions<RazorFacesOptions> options, TimeProvider time, ILogger<LongPollEndpoints> logger)
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
            var session = CheckSession(context, message.Token);
            var messages = await dispatcher.HandleAsync(session, message);
            await WriteAsync(context, StatusCodes.Status200OK, w => ViewMessageWriter.WriteMessages(w, message.ViewId, messages));
        }
        catch (ViewException e)
        {
            await RejectAsync(context, viewId, e);
        }
    }

    private async Task PollAsync(HttpContext context)
    {
        var viewId = context.Request.Query["view"].ToString();
        try
        {
            if (viewId.Length == 0 || !int.TryParse(context.Request.Query["n"], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new ViewException(ErrorCodes.BadMessage, "A poll needs 'view' and a non-negative whole 'n'.");
            }
            var session = CheckSession(context, token: null);
            var view = dispatcher.FindView(session, viewId);
            using var timeout = new CancellationTokenSource(options.Value.PollTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.RequestAborted);
            var messages = await view.WaitForMessagesAsync(number, linked.Token);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            await WriteAsync(context, StatusCodes.Status200OK, w => ViewMessageWriter.WriteMessages(w, viewId, messages));
        }
        catch (ViewException e)
        {
            await RejectAsync(context, viewId, e);
        }
    }

    private BrowserSession CheckSession(HttpContext context, string? token)
    {
        var session = sessions.Find(context)
            ?? throw new ViewException(ErrorCodes.SessionExpired, "The session has expired or is unknown to this server.");
        var sent = context.Request.Headers[ProtocolConstants.TokenHeader].ToString();
        if (!SessionRegistry.TokenMatches(session, sent.Length > 0 ? sent : token))
        {
            throw new ViewException(ErrorCodes.BadToken, "The CSRF token is missing or wrong.");
        }
        return session;
    }

    private Task RejectAsync(HttpContext context, string? viewId, ViewException error)
    {
        if (error.Code == ErrorCodes.ViewFailed)
        {
            LogViewFailed(logger, viewId, error.InnerException ?? error);
        }
        else
        {
            LogRejected(logger, error.Code, viewId, error.Message);
        }
        return context.RequestAborted.IsCancellationRequested
            ? Task.CompletedTask
            : WriteAsync(context, ErrorStatus.For(error.Code), w => ServerMessageWriter.WriteError(w, error.Code, error.Message));
    }

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, PatchWriter.WriterOptions))
        {
            write(writer);
        }
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a request ({Code}) for view {ViewId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string code, string? viewId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "View {ViewId} failed and was discarded.")]
    private static partial void LogViewFailed(ILogger logger, string? viewId, Exception exception);
}

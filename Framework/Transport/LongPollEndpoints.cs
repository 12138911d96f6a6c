using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Cluster;
using RazorFaces.Hosting;
using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.State;
using RazorFaces.Views;

namespace RazorFaces.Transport;

/// <summary>
/// The long-poll transport: <c>POST /_rf/send</c> carries one client message and answers with the
/// resulting updates once the session object is saved; <c>GET /_rf/poll</c> waits for updates nobody asked for.
/// </summary>
internal sealed partial class LongPollEndpoints(
    SessionManager sessions, MessageDispatcher dispatcher, IOptions<RazorFacesOptions> options, TimeProvider time, ILogger<LongPollEndpoints> logger)
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
            await using var lease = await AcquireAsync(context, message.Token);
            var session = lease.State!;
            if (message.Type != MessageTypes.Resync)
            {
                sessions.Touch(session);
            }
            var answer = await dispatcher.HandleAsync(session, message, BaseUri(context.Request));
            await sessions.SaveAsync(session, context.RequestAborted);
            await lease.DisposeAsync();
            await WriteAsync(context, StatusCodes.Status200OK, w => ViewMessageWriter.WriteMessages(w, answer.ViewId, answer.Messages));
        }
        catch (Exception e) when (AsViewException(e) is { } error)
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
                throw new ViewException(ErrorCodes.BadMessage, "A poll needs 'view' and a non-negative whole 'n'.");
            }
            LiveView view;
            await using (var lease = await AcquireAsync(context, token: null))
            {
                // A poll is the first request after a failover often enough: it may rebuild the view.
                var session = lease.State!;
                (view, var started) = await dispatcher.ResolveAsync(session, viewId, context.Request.Query["url"], BaseUri(context.Request));
                if (started)
                {
                    // A rebuild may have moved the view on (a refresh one number past its record): record that
                    // number, or another node would rebuild from the old record and hand it out again.
                    await dispatcher.RecordAsync(session, view);
                }
                await sessions.SaveAsync(session, context.RequestAborted);
            }
            // Waiting happens without the session lock: a poll must never hold up the session's events.
            using var timeout = new CancellationTokenSource(options.Value.PollTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.RequestAborted);
            var messages = view.Id == viewId ? await view.WaitForMessagesAsync(number, linked.Token) : view.Refresh();
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            await WriteAsync(context, StatusCodes.Status200OK, w => ViewMessageWriter.WriteMessages(w, view.Id, messages));
        }
        catch (Exception e) when (AsViewException(e) is { } error)
        {
            await RejectAsync(context, viewId, error);
        }
    }

    private async Task<SessionLease> AcquireAsync(HttpContext context, string? token)
    {
        var sessionId = SessionManager.SessionIdOf(context)
            ?? throw new ViewException(ErrorCodes.SessionExpired, "The request carries no session cookie.");
        var lease = await sessions.AcquireAsync(sessionId, context.RequestAborted);
        if (lease.State is null)
        {
            await lease.DisposeAsync();
            throw new ViewException(ErrorCodes.SessionExpired, "The session has expired.");
        }
        var sent = context.Request.Headers[ProtocolConstants.TokenHeader].ToString();
        if (!SessionManager.TokenMatches(lease.State, sent.Length > 0 ? sent : token))
        {
            await lease.DisposeAsync();
            throw new ViewException(ErrorCodes.BadToken, "The CSRF token is missing or wrong.");
        }
        return lease;
    }

    private static string BaseUri(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/";

    private static ViewException? AsViewException(Exception exception) => exception switch
    {
        ViewException view => view,
        SessionStoreUnavailableException store => new ViewException(ErrorCodes.StoreUnavailable, "The session store is unavailable; nothing was changed. Try again.", store),
        SessionStateException state => new ViewException(ErrorCodes.ViewFailed, "The view's saved state could not be used: " + state.Message, state),
        _ => null,
    };

    private Task RejectAsync(HttpContext context, string? viewId, ViewException error)
    {
        if (error.Code is ErrorCodes.ViewFailed or ErrorCodes.StoreUnavailable)
        {
            LogFailed(logger, error.Code, viewId, error.InnerException ?? error);
        }
        else
        {
            LogRejected(logger, error.Code, viewId, error.Message);
        }
        return context.RequestAborted.IsCancellationRequested || context.Response.HasStarted
            ? Task.CompletedTask
            : WriteAsync(context, ErrorStatus.For(error.Code), w => ServerMessageWriter.WriteError(w, error.Code, error.Message));
    }

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        NodeAffinity.Mark(context);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A request ({Code}) for view {ViewId} failed.")]
    private static partial void LogFailed(ILogger logger, string code, string? viewId, Exception exception);
}

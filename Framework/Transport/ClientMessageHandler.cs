using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Hosting;
using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.State;
using RazorFaces.Views;

namespace RazorFaces.Transport;

/// <summary>
/// What every transport does with one client message: check the client version and CSRF token, lock the session,
/// dispatch the message to its view and save the session object before answering. Long-poll (<c>POST /_rf/send</c>)
/// and the SignalR hub both come through here, so they follow exactly the same rules.
/// </summary>
internal sealed partial class ClientMessageHandler(
    SessionManager sessions, MessageDispatcher dispatcher, IOptions<RazorFacesOptions> options, ILogger<ClientMessageHandler> logger)
{
    private readonly string _clientVersion = ClientScript.VersionFor(options.Value);

    /// <summary>Runs <paramref name="message"/> for the session of <paramref name="request"/>.</summary>
    /// <exception cref="ViewException">The message cannot be served (see <see cref="AsViewException"/> for other exceptions).</exception>
    public async Task<ViewAnswer> HandleAsync(ClientMessage message, TransportRequest request)
    {
        await using var lease = await AcquireAsync(request, message.Token);
        var session = lease.State!;
        if (message.Type != MessageTypes.Resync)
        {
            sessions.Touch(session);
        }
        var answer = await dispatcher.HandleAsync(session, message, request.BaseUri);
        if (!await CompleteAsync(session, request))
        {
            // The application ended the session (logout): the page starts again, in a new session.
            answer = answer with { Messages = [new LocationMessage(request.BaseUri)] };
        }
        return answer;
    }

    /// <summary>
    /// Locks the request's session after checking the client version and the CSRF token (the header's, else
    /// <paramref name="token"/> from the message body).
    /// </summary>
    public async Task<SessionLease> AcquireAsync(TransportRequest request, string? token)
    {
        // Checked first: an old script may not even speak this server's protocol correctly.
        if (request.ClientVersion is { Length: > 0 } client && client != _clientVersion)
        {
            throw new ViewException(ErrorCodes.ClientOutdated, "The page runs an older client script than this server; reload the page.");
        }
        var sessionId = request.SessionId
            ?? throw new ViewException(ErrorCodes.SessionExpired, "The request carries no session cookie.");
        var lease = await sessions.AcquireAsync(sessionId, request.Aborted);
        if (lease.State is null)
        {
            await lease.DisposeAsync();
            throw new ViewException(ErrorCodes.SessionExpired, "The session has expired.");
        }
        if (!request.Proves(lease.State, token))
        {
            await lease.DisposeAsync();
            throw new ViewException(ErrorCodes.BadToken, "The CSRF token is missing or wrong.");
        }
        return lease;
    }

    /// <summary>The protocol error for an exception a transport can answer, or null for a bug.</summary>
    public static ViewException? AsViewException(Exception exception) => exception switch
    {
        ViewException view => view,
        SessionStoreUnavailableException store => new ViewException(ErrorCodes.StoreUnavailable, "The session store is unavailable; nothing was changed. Try again.", store),
        SessionStateException state => new ViewException(ErrorCodes.ViewFailed, "The view's saved state could not be used: " + state.Message, state),
        _ => null,
    };

    /// <summary>Logs a refused message: failures as errors, the client's mistakes as warnings.</summary>
    public void LogRejection(string? viewId, ViewException error)
    {
        if (error.Code is ErrorCodes.ViewFailed or ErrorCodes.StoreUnavailable)
        {
            LogFailed(logger, error.Code, viewId, error.InnerException ?? error);
        }
        else
        {
            LogRejected(logger, error.Code, viewId, error.Message);
        }
    }

    private async Task<bool> CompleteAsync(SessionState session, TransportRequest request)
    {
        if (request.CanSetCookies)
        {
            return await sessions.CompleteAsync(session, request.Context);
        }
        // A WebSocket has sent its headers long ago, so no cookie can be set or deleted on it. Ending the session
        // needs no cookie change (the stale cookie names a session that no longer exists, and the next page starts a
        // new one). A new session id does need its cookie: the request stays marked and the session's next HTTP
        // message carries the rotation out (docs/protocol.md, "SignalR").
        if (session.EndRequested)
        {
            await sessions.EndAsync(session, request.Aborted);
            return false;
        }
        await sessions.SaveAsync(session, request.Aborted);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a request ({Code}) for view {ViewId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string code, string? viewId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A request ({Code}) for view {ViewId} failed.")]
    private static partial void LogFailed(ILogger logger, string code, string? viewId, Exception exception);
}

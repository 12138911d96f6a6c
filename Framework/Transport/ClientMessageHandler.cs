using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Diagnostics;
using RazorFaces.Protocol;
using RazorFaces.Views;

namespace RazorFaces.Transport;

/// <summary>
/// The transports' side of a view request: admission (client version, session cookie, CSRF token) and the one
/// rejection log line, around a <see cref="ViewSession"/> unit of work. Long-poll (<c>POST /_rf/send</c>,
/// <c>GET /_rf/poll</c>) and the SignalR hub both come through here, so they follow exactly the same rules.
/// </summary>
internal sealed partial class ClientMessageHandler(
    ViewSession views, RazorFacesMetrics metrics, IOptions<TransportOptions> options, ILogger<ClientMessageHandler> logger)
{
    private readonly string _clientVersion = ClientScript.VersionFor(options.Value);

    /// <summary>Where the transports count what they send.</summary>
    public RazorFacesMetrics Metrics => metrics;

    /// <summary>Runs <paramref name="message"/> for the session of <paramref name="request"/>.</summary>
    /// <exception cref="ProtocolException">The message cannot be served (see <see cref="ToProtocolException"/> for others).</exception>
    public async Task<ViewAnswer> HandleAsync(ClientMessage message, TransportRequest request)
    {
        using var activity = RazorFacesMetrics.Activities.StartActivity("razorfaces.event");
        activity?.SetTag("razorfaces.transport", request.Kind);
        activity?.SetTag("razorfaces.message.type", message.Type);
        var started = Stopwatch.GetTimestamp();
        string? failed = null;
        try
        {
            var outcome = await views.RunAsync(
                Admit(request, message.Token, isUse: message.Type != MessageTypes.Resync),
                work => MessageDispatcher.HandleAsync(work, message));
            // The application ended the session (logout): the page starts again, in a new session.
            return outcome.SessionEnded ? outcome.Value with { Messages = [new LocationMessage(request.BaseUri)] } : outcome.Value;
        }
        catch (Exception e)
        {
            failed = ToProtocolException(e)?.Code ?? "exception";
            activity?.SetStatus(ActivityStatusCode.Error, failed);
            throw;
        }
        finally
        {
            metrics.EventHandled(request.Kind, failed, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// The live view a poll or a hub watch waits on: found, or rebuilt from the session object (a poll is often the
    /// first request after a failover), or started afresh when the session no longer knows it.
    /// </summary>
    public async Task<ViewOutcome<LiveView>> ResolveAsync(TransportRequest request, string viewId, string? url)
    {
        var outcome = await views.RunAsync(Admit(request, token: null, isUse: false), async work => (await work.ResolveAsync(viewId, url)).View);
        return outcome;
    }

    /// <summary>
    /// A hub ticket for the request's session (<see cref="SignalR.HubTicket"/>): the client version, the session and
    /// the CSRF token are checked exactly as for a message.
    /// </summary>
    public async Task<string> IssueTicketAsync(TransportRequest request, DateTimeOffset now) =>
        (await views.RunAsync(
            Admit(request, token: null, isUse: false),
            work => Task.FromResult(SignalR.HubTicket.Issue(work.Session.Meta.CsrfToken, now)))).Value;

    /// <summary>The protocol error for an exception a transport can answer, or null for a bug.</summary>
    public static ProtocolException? ToProtocolException(Exception exception) => ViewSession.ToProtocolException(exception);

    /// <summary>
    /// Logs a refused request once: a view that failed as an error with its exception (a bug of the page or ours); the
    /// client's mistakes, and a store that cannot serve now (its fault, retried by the client, already one per request
    /// during a failover), as a warning with the reason.
    /// </summary>
    public void LogRejection(string? viewId, ProtocolException error)
    {
        if (error.Code is ErrorCodes.ViewFailed)
        {
            LogFailed(logger, error.Code, viewId, error.InnerException ?? error);
        }
        else
        {
            LogRejected(logger, error.Code, viewId, error.Code is ErrorCodes.StoreUnavailable && error.InnerException is { } store ? store.Message : error.Message);
        }
    }

    // The client version is checked first: an old script may not even speak this server's protocol correctly.
    // Then, once the session is read, the request's proof that it comes from one of its pages (the CSRF token in a
    // header, the hub connection's ticket, or the message body's token for beacons).
    private ViewRequest Admit(TransportRequest request, string? token, bool isUse)
    {
        if (request.ClientVersion is { Length: > 0 } client && client != _clientVersion)
        {
            throw new ProtocolException(ErrorCodes.ClientOutdated, "The page runs an older client script than this server; reload the page.");
        }
        return new ViewRequest(request.SessionId, request.BaseUri, request.Aborted)
        {
            IsUse = isUse,
            Admit = session =>
            {
                if (!request.Proves(session, token))
                {
                    throw new ProtocolException(ErrorCodes.BadToken, "The CSRF token is missing or wrong.");
                }
            },
            Cookie = request.CanSetCookies ? new SessionCookie(request.Context) : null,
            User = request.Context.User,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a request ({Code}) for view {ViewId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string code, string? viewId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A request ({Code}) for view {ViewId} failed.")]
    private static partial void LogFailed(ILogger logger, string code, string? viewId, Exception exception);
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Hosting;
using RazorFaces.Protocol;
using RazorFaces.State;
using RazorFaces.Views;

namespace RazorFaces.Transport;

/// <summary>
/// Routes a checked client message to its view, with the session locked, and records the view in the session
/// object afterwards. Shared by every transport, so long-poll and (later) SignalR follow the same rules.
/// A view that is not live on this node is rebuilt from its record; an id the session does not know gets a
/// fresh view of the page the browser shows — never "session expired".
/// </summary>
internal sealed partial class MessageDispatcher(
    ViewRegistry views, AppRoot app, IServiceProvider services, IOptions<RazorFacesOptions> options, TimeProvider time,
    ILogger<MessageDispatcher> logger)
{
    public async Task<ViewAnswer> HandleAsync(SessionState session, ClientMessage message, string baseUri)
    {
        if (message.Type == MessageTypes.Close)
        {
            if (views.Find(message.ViewId) is { } live && live.SessionId != session.Id)
            {
                throw Foreign(message.ViewId);
            }
            session.RemoveView(message.ViewId);
            await views.RemoveAsync(message.ViewId);
            return new ViewAnswer(message.ViewId, []);
        }
        try
        {
            return await HandleWithViewAsync(session, message, baseUri);
        }
        catch (ViewPassivatedException)
        {
            // Passivated between resolving and handling: the second attempt rebuilds it from its record.
            return await HandleWithViewAsync(session, message, baseUri);
        }
    }

    private async Task<ViewAnswer> HandleWithViewAsync(SessionState session, ClientMessage message, string baseUri)
    {
        var (view, startedNow) = await ResolveAsync(session, message.ViewId, message.Url, baseUri);
        try
        {
            var messages = message.Type switch
            {
                MessageTypes.Event => await view.HandleEventAsync(message.EventId, message.Number, message.Target, message.Name, message.Args),
                MessageTypes.Navigate => await view.NavigateAsync(message.EventId, message.Number, message.Url),
                MessageTypes.Resync => view.Refresh(message.Number),
                _ => throw new ViewException(ErrorCodes.BadMessage, $"Unknown message type '{message.Type}'."),
            };
            await RecordAsync(session, view);
            // A view started afresh under a new id has nothing in common with what the browser shows.
            return new ViewAnswer(view.Id, view.Id == message.ViewId ? messages : view.Refresh());
        }
        catch (ViewException e) when (e.Code == ErrorCodes.NoHandler && startedNow)
        {
            // The view was just rebuilt or started afresh and the element the browser clicked is not there:
            // show the browser what is there instead of an error.
            await RecordAsync(session, view);
            return new ViewAnswer(view.Id, view.Refresh(message.Number));
        }
        catch (ViewException e) when (e.Code == ErrorCodes.ViewFailed)
        {
            session.RemoveView(view.Id);
            await views.RemoveAsync(view.Id);
            throw;
        }
    }

    /// <summary>
    /// The live view for <paramref name="viewId"/>: the one in memory, else rebuilt from the session object,
    /// else a fresh view of <paramref name="url"/> under a new id (the client adopts it from the refresh).
    /// </summary>
    /// <returns>The view, and whether this call started (rebuilt or created) it.</returns>
    public async Task<(LiveView View, bool Started)> ResolveAsync(SessionState session, string viewId, string? url, string baseUri)
    {
        if (views.Find(viewId) is { IsDisposed: false } live)
        {
            if (live.SessionId != session.Id)
            {
                throw Foreign(viewId);
            }
            if (ReferenceEquals(live.Session, session))
            {
                live.Touch();
                return (live, false);
            }
            // Built on an older copy of the session object: its beans are stale.
            await views.RemoveAsync(viewId);
        }
        LiveView? view = null;
        if (session.Views.TryGetValue(viewId, out var record))
        {
            try
            {
                view = await LiveView.StartAsync(services, new ViewStart(app.Component, session, baseUri, baseUri) { ViewId = viewId, Saved = record });
            }
            catch (Exception e) when (DoesNotFit(e))
            {
                // Saved state that no longer fits (another build wrote it, say): the page starts afresh
                // rather than failing.
                LogRebuildFailed(logger, viewId, e);
                session.RemoveView(viewId);
                url = baseUri + record.Url.TrimStart('/');
                record = null;
            }
        }
        view ??= await LiveView.StartAsync(services, new ViewStart(app.Component, session, baseUri, InApp(url, baseUri)));
        views.Add(view);
        // A rebuild may have moved the view on (a refresh one number past its record): record that number at
        // once, or another node would rebuild from the old record and hand the same number out again.
        await RecordAsync(session, view);
        return (view, true);
    }

    /// <summary>Writes the view's record into the session object and drops the views that no longer fit.</summary>
    public async Task RecordAsync(SessionState session, LiveView view)
    {
        session.SetView(view.Id, await view.CaptureAsync());
        var idleCutoff = time.GetUtcNow() - options.Value.ViewIdleTimeout;
        var expired = session.Views.Where(v => v.Value.LastAccess < idleCutoff).Select(v => v.Key)
            .Concat(session.ViewsBeyond(options.Value.MaxViewsPerSession))
            .Where(id => id != view.Id)
            .Distinct()
            .ToList();
        foreach (var id in expired)
        {
            session.RemoveView(id);
            await views.RemoveAsync(id);
        }
    }

    /// <summary>
    /// Whether a rebuild failed because the record does not fit this build. A [ViewState] value that cannot be
    /// restored fails inside the renderer, which reports it as the view failing; the cause says it was the state.
    /// </summary>
    private static bool DoesNotFit(Exception e) => e switch
    {
        ViewException { Code: ErrorCodes.ViewFailed, InnerException: SessionStateException } => true,
        ViewException or Session.SessionStoreUnavailableException or OperationCanceledException => false,
        _ => true,
    };

    private static string InApp(string? url, string baseUri) =>
        url is not null && url.StartsWith(baseUri, StringComparison.Ordinal) ? url : baseUri;

    private static ViewException Foreign(string viewId) =>
        new(ErrorCodes.ForeignView, $"The view '{viewId}' belongs to another session.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "View {ViewId} could not be rebuilt from its saved state; its page starts afresh.")]
    private static partial void LogRebuildFailed(ILogger logger, string viewId, Exception exception);
}

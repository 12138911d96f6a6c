using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Diagnostics;
using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.State;

namespace RazorFaces.Views;

/// <summary>
/// The one unit of work behind every way into a view — a message over long-poll or the hub, a poll, a hub watch,
/// the first GET of a page, a push. <see cref="RunAsync{T}"/> owns the whole sequence: lock the session (this node's
/// gate and the store's lease), read it, admit the request, run the work (which finds, rebuilds or starts views
/// through <see cref="ViewWork"/>), record every view it used, carry out what the application asked (end the
/// session, give it a new id), save, release. The entry points are thin adapters: none of them touches a lease
/// or a save. Errors follow one policy: nothing is saved, the lock is released, and the exception leaves as the
/// <see cref="ProtocolException"/> the client is answered with (or as itself when it is a bug).
/// </summary>
internal sealed partial class ViewSession(
    SessionManager sessions, ViewRegistry views, AppRoot app, IServiceProvider services, IOptions<ViewOptions> options,
    TimeProvider time, ILogger<ViewSession> logger, RazorFacesMetrics? metrics = null)
{
    internal Type RootComponent => app.Component;

    /// <summary>Runs <paramref name="work"/> with the request's session locked, and commits it.</summary>
    /// <exception cref="ProtocolException">The request cannot be served; <see cref="ProtocolException.Code"/> says why.</exception>
    public async Task<ViewOutcome<T>> RunAsync<T>(ViewRequest request, Func<ViewWork, Task<T>> work)
    {
        try
        {
            await using var locked = await LockAsync(request);
            var session = locked.State!;
            request.Admit?.Invoke(session);
            if (request.User is { } user && SessionUser.ChangeFor(session, user) == SessionUserChange.SignedIn)
            {
                await SignInAsync(session, SessionUser.KeyOf(user)!);
            }
            if (request.IsUse)
            {
                sessions.Touch(session);
            }
            var scope = new ViewWork(this, session, request.BaseUri, request.User);
            var value = await work(scope);
            return new ViewOutcome<T>(value, await CommitAsync(locked, scope, request));
        }
        catch (Exception e) when (ToProtocolException(e) is { } error && !ReferenceEquals(error, e))
        {
            throw error;
        }
    }

    /// <summary>The protocol error an exception of any layer is answered with, or null for a bug.</summary>
    public static ProtocolException? ToProtocolException(Exception exception) => exception switch
    {
        ProtocolException view => view,
        SessionBusyException busy => new ProtocolException(ErrorCodes.Busy, busy.Message, busy),
        SessionExpiredException expired => new ProtocolException(ErrorCodes.SessionExpired, expired.Message, expired),
        SessionStoreUnavailableException store => new ProtocolException(ErrorCodes.StoreUnavailable, "The session store is unavailable; nothing was changed. Try again.", store),
        SessionStateException state => new ProtocolException(ErrorCodes.ViewFailed, "The view's saved state could not be used: " + state.Message, state),
        _ => null,
    };

    private async Task<LockedSession> LockAsync(ViewRequest request)
    {
        var reason = request.SessionId is null ? "The request carries no session cookie." : "The session has expired.";
        if (request.SessionId is { } sessionId)
        {
            var locked = await sessions.AcquireAsync(sessionId, request.Aborted);
            try
            {
                if (locked.State is not null)
                {
                    if (request.User is null || SessionUser.ChangeFor(locked.State, request.User) != SessionUserChange.Other)
                    {
                        var found = locked;
                        locked = null;
                        return found;
                    }
                    if (locked.State.Id != sessionId)
                    {
                        // Reached through the forward a sign-in left behind: a request from before the sign-in (a
                        // tab still open on the login page), not a sign-out. It must not end the signed-in session.
                        reason = "The session moved to a new id when its user signed in; reload the page.";
                    }
                    else
                    {
                        // Another user, or nobody after somebody (signed out): nothing of this session may reach them.
                        await sessions.EndAsync(locked.State, request.Aborted);
                        if (!request.StartsSession)
                        {
                            request.Cookie?.Delete();
                        }
                        reason = "The signed-in user changed; the session has ended.";
                    }
                }
            }
            finally
            {
                if (locked is not null)
                {
                    await locked.DisposeAsync();
                }
            }
        }
        if (!request.StartsSession)
        {
            throw new SessionExpiredException(reason);
        }
        var created = await sessions.CreateAsync(request.Aborted);
        created.State!.Meta.User = request.User is null ? null : SessionUser.KeyOf(request.User);
        request.Cookie?.Set(created.State.Id);
        return created;
    }

    // The views were rendered for nobody; the tabs showing them get fresh ones, rendered for the user.
    private async Task SignInAsync(SessionState session, string user)
    {
        session.SignIn(user);
        foreach (var viewId in session.Views.Keys.ToList())
        {
            session.RemoveView(viewId);
            await views.RemoveAsync(viewId);
        }
    }

    // Returns whether the session ended.
    private async Task<bool> CommitAsync(LockedSession locked, ViewWork work, ViewRequest request)
    {
        var session = locked.State!;
        foreach (var view in work.Used)
        {
            if (!view.IsDisposed)
            {
                await RecordAsync(session, view);
            }
        }
        if (session.EndRequested)
        {
            // Ending needs no cookie change where none can be made: the stale cookie names a session that no longer
            // exists, and the next page starts a new one.
            await sessions.EndAsync(session, request.Aborted);
            request.Cookie?.Delete();
            return true;
        }
        if (session.RotateRequested && request.Cookie is { } cookie)
        {
            // A new id needs its cookie: over a WebSocket the session stays marked, and its next HTTP request
            // carries the rotation out (docs/protocol.md, "SignalR").
            cookie.Set(await sessions.RotateAsync(session, request.Aborted));
            return false;
        }
        using (RazorFacesMetrics.Activities.StartActivity("razorfaces.session.save"))
        {
            await sessions.SaveAsync(locked, request.Aborted);
        }
        return false;
    }

    /// <summary>Writes the view's record into the session object and drops the views that no longer fit.</summary>
    private async Task RecordAsync(SessionState session, LiveView view)
    {
        session.SetView(view.Id, await view.CaptureAsync());
        var now = time.GetUtcNow();
        var idleCutoff = now - options.Value.IdleTimeout;
        var idle = session.Views.Where(v => LastUse(session, v.Key, v.Value, now) < idleCutoff).Select(v => v.Key).ToList();
        foreach (var id in idle.Where(id => id != view.Id))
        {
            session.RemoveView(id);
            await views.RemoveAsync(id);
        }
        var cap = options.Value.MaxPerSession;
        foreach (var id in session.ViewsBeyond(cap, (id, record) => id == view.Id ? now : LastUse(session, id, record, now)))
        {
            // Remembered, so its tab is told once rather than given a fresh view that pushes out the next tab.
            session.EvictView(id, remember: cap);
            await views.RemoveAsync(id);
            metrics?.Evicted();
        }
    }

    /// <summary>
    /// When the view was last used as far as this node knows: now while its tab polls or watches it here, else the
    /// later of its record's last use and its live view's (a poll touches the live view but writes no record).
    /// </summary>
    private DateTimeOffset LastUse(SessionState session, string viewId, ViewRecord record, DateTimeOffset now) =>
        views.Find(viewId) is { IsDisposed: false } live && ReferenceEquals(live.Session, session)
            ? live.IsWatched ? now : Later(live.LastAccess, record.LastAccess)
            : record.LastAccess;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    internal async Task<(LiveView View, bool Started)> ResolveAsync(SessionState session, string viewId, string? url, string baseUri, ClaimsPrincipal? user)
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
                live.Authenticate(user);
                return (live, false);
            }
            // Built on an older copy of the session object: its beans are stale.
            await views.RemoveAsync(viewId);
        }
        if (session.WasEvicted(viewId) && !session.Views.ContainsKey(viewId))
        {
            throw new ProtocolException(ErrorCodes.ViewEvicted,
                $"This tab's view was closed because the session has more than {options.Value.MaxPerSession} open; reload the page to use it here.");
        }
        LiveView? view = null;
        if (session.Views.TryGetValue(viewId, out var record))
        {
            try
            {
                view = await StartAsync(new ViewStart(app.Component, session, baseUri, baseUri) { ViewId = viewId, Saved = record, User = user });
                metrics?.Rebuilt(refreshed: view.Outcome == RebuildOutcome.Refreshed);
            }
            catch (Exception e) when (DoesNotFit(e))
            {
                // Saved state that no longer fits (another build wrote it, say): the page starts afresh
                // rather than failing.
                LogRebuildFailed(logger, viewId, e);
                session.RemoveView(viewId);
                url = baseUri + record.Url.TrimStart('/');
            }
        }
        view ??= await StartAsync(new ViewStart(app.Component, session, baseUri, InApp(url, baseUri)) { User = user });
        return (view, true);
    }

    internal async Task<LiveView> StartAsync(ViewStart start)
    {
        var view = await LiveView.StartAsync(services, start);
        views.Add(view);
        return view;
    }

    internal Task RemoveAsync(string viewId) => views.RemoveAsync(viewId);

    internal void ThrowIfForeign(SessionState session, string viewId)
    {
        if (views.Find(viewId) is { } live && live.SessionId != session.Id)
        {
            throw Foreign(viewId);
        }
    }

    /// <summary>
    /// Whether a rebuild failed because the record does not fit this build. A [ViewState] value that cannot be
    /// restored fails inside the renderer, which reports it as the view failing; the cause says it was the state.
    /// </summary>
    private static bool DoesNotFit(Exception e) => e switch
    {
        ProtocolException { Code: ErrorCodes.ViewFailed, InnerException: SessionStateException } => true,
        ProtocolException or SessionStoreUnavailableException or OperationCanceledException => false,
        _ => true,
    };

    private static string InApp(string? url, string baseUri) =>
        url is not null && url.StartsWith(baseUri, StringComparison.Ordinal) ? url : baseUri;

    private static ProtocolException Foreign(string viewId) =>
        new(ErrorCodes.ForeignView, $"The view '{viewId}' belongs to another session.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "View {ViewId} could not be rebuilt from its saved state; its page starts afresh.")]
    private static partial void LogRebuildFailed(ILogger logger, string viewId, Exception exception);
}

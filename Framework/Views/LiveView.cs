using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RazorFaces.Dom;
using RazorFaces.Protocol;
using RazorFaces.Rendering;
using RazorFaces.State;

namespace RazorFaces.Views;

/// <summary>
/// One rendered page in one tab: its components (renderer and DI scope), the DOM it last sent to the
/// browser, its view number and the recent updates. Messages about the view are handled one at a time.
/// </summary>
internal sealed partial class LiveView : IAsyncDisposable
{
    private readonly IServiceScope _scope;
    private readonly ViewRenderer _renderer;
    private readonly ViewNavigationManager _navigation;
    private readonly ViewOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ViewOutbox _outbox;
    private readonly ISessionSerializer _serializer;
    private readonly BeanContext _beans;
    private readonly ViewJSRuntime _js;
    // The title of a page without <PageTitle>.
    private readonly string _defaultTitle;
    // Completed when the view queues a JavaScript call: the work that made it now waits for the browser, so the
    // request that runs it answers at once (carrying the call) instead of waiting out its settle time.
    private TaskCompletionSource _interopQueued = NewSignal();

    // Guarded by itself.
    private readonly HashSet<string> _groups = new(StringComparer.Ordinal);

    // Touched on the renderer's dispatcher only.
    private bool _dirty;
    private bool _flushScheduled;
    private bool _handlingMessage;
    private Exception? _failure;
    private long _lastEventId;
    // Handlers that went on after their message was answered (waiting for the browser, say); a jsdone waits for them.
    private readonly List<Task> _unsettled = [];

    private readonly ViewAuthenticationStateProvider _user;

    private LiveView(string id, SessionState session, IServiceScope scope, ViewOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        Id = id;
        Session = session;
        _scope = scope;
        _serializer = scope.ServiceProvider.GetRequiredService<ISessionSerializer>();
        _beans = scope.ServiceProvider.GetRequiredService<BeanContext>();
        _options = options;
        _time = time;
        _logger = loggerFactory.CreateLogger<LiveView>();
        _outbox = new ViewOutbox(options.UpdateLogLength);
        _navigation = (ViewNavigationManager)scope.ServiceProvider.GetRequiredService<NavigationManager>();
        scope.ServiceProvider.GetRequiredService<CurrentView>().View = this;
        _renderer = new ViewRenderer(scope.ServiceProvider, loggerFactory)
        {
            Rendered = OnRendered,
            Failed = OnFailed,
        };
        _defaultTitle = scope.ServiceProvider.GetService<Microsoft.Extensions.Options.IOptions<RazorFacesOptions>>()?.Value.Title ?? string.Empty;
        _user = scope.ServiceProvider.GetRequiredService<ViewAuthenticationStateProvider>();
        _js = scope.ServiceProvider.GetRequiredService<ViewJSRuntime>();
        _js.Connect(OnInterop, _renderer.ElementReferenceOf, () => Session.Id, id);
        LastAccess = time.GetUtcNow();
    }

    public string Id { get; }

    public string SessionId => Session.Id;

    /// <summary>The app's base address this view was started with, ending in '/'.</summary>
    public string BaseUri => _navigation.BaseUri;

    /// <summary>The session object this view's beans come from. A view outlives no reload of it.</summary>
    public SessionState Session { get; }

    /// <summary>Whether the view was rendered fresh or rebuilt, and how.</summary>
    public RebuildOutcome Outcome { get; private set; }

    public DateTimeOffset LastAccess { get; private set; }

    /// <summary>Whether its tab is waiting on it now (a poll or a hub watch): a view in use, though no event comes.</summary>
    public bool IsWatched => _outbox.IsWatched;

    public int Number => _outbox.Number;

    /// <summary>
    /// Creates a view on its own session object and renders it for the first time (view number 1). Pages pass
    /// no <paramref name="parameters"/>; the test harness uses them to render any component as the root.
    /// </summary>
    public static Task<LiveView> CreateAsync(
        IServiceProvider services, Type rootComponent, string sessionId, string baseUri, string uri,
        IReadOnlyDictionary<string, object?>? parameters = null) =>
        StartAsync(services, new ViewStart(rootComponent, SessionState.New(sessionId, TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(30)), baseUri, uri)
        {
            Parameters = parameters,
        });

    /// <summary>
    /// Renders a view, fresh or rebuilt from its saved record. A rebuilt view whose DOM hashes like the one the
    /// browser was last sent carries on with plain diffs; otherwise its next answer is a full refresh.
    /// </summary>
    public static async Task<LiveView> StartAsync(IServiceProvider services, ViewStart start)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ViewOptions>>().Value;
        var view = new LiveView(
            start.ViewId, start.Session, services.CreateAsyncScope(), options,
            services.GetService<TimeProvider>() ?? TimeProvider.System, services.GetRequiredService<ILoggerFactory>());
        try
        {
            var saved = start.Saved;
            view.Authenticate(start.User);
            view._beans.Attach(start.Session, saved?.Beans);
            if (saved is not null)
            {
                view._renderer.RestoreFrom(saved.Components, view._serializer);
                view._lastEventId = saved.LastEventId;
                view._groups.UnionWith(saved.Groups);
            }
            // Records keep the address relative to the app, so any node (any host name or port) can rebuild it.
            view._navigation.Start(start.BaseUri, saved is null ? start.Url : start.BaseUri + saved.Url.TrimStart('/'));
            var parameters = start.Parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(start.Parameters.ToDictionary());
            await view._renderer.Dispatcher.InvokeAsync(async () =>
            {
                view._handlingMessage = true;
                var queued = view.WatchInterop();
                try
                {
                    await view._renderer.RenderHeadAsync();
                    var rendering = view._renderer.RenderRootAsync(start.RootComponent, parameters);
                    // A component that waits for the browser while first rendering (JS interop in OnInitializedAsync)
                    // goes on once the browser has the page and answers the call; the page does not wait for it.
                    await Task.WhenAny(rendering, queued);
                    if (rendering.IsCompleted)
                    {
                        await rendering;
                    }
                    else
                    {
                        view._unsettled.Add(rendering);
                    }
                }
                finally
                {
                    view._handlingMessage = false;
                }
                view.ThrowIfFailed();
                var dom = view._renderer.BuildDom();
                var location = view._navigation.TakePendingLocation();
                view._navigation.TakePendingUrl();
                view._dirty = false;
                int number;
                if (saved is null)
                {
                    number = start.FirstNumber;
                    view.Outcome = RebuildOutcome.Fresh;
                }
                else if (DomHash.Of(dom) == saved.DomHash)
                {
                    number = saved.Number;
                    view.Outcome = RebuildOutcome.SameDom;
                }
                else
                {
                    // One number past what the browser has: its next answer cannot be a diff, so it is a refresh.
                    number = saved.Number + 1;
                    view.Outcome = RebuildOutcome.Refreshed;
                }
                view._outbox.Start(
                    dom, number, location, rebuiltFrom: saved is null ? 0 : saved.Number + 1,
                    announceRebuild: view.Outcome == RebuildOutcome.SameDom, head: view.BuildHead());
            });
            return view;
        }
        catch
        {
            await view.DisposeAsync();
            throw;
        }
    }

    /// <summary>The head content (title, <c>&lt;HeadContent&gt;</c>) as HTML, as the browser must first show it.</summary>
    public string Head => _outbox.Head;

    // Call on the dispatcher.
    private string BuildHead() => _renderer.BuildHead(_defaultTitle);

    /// <summary>The view as the browser must first show it.</summary>
    public (int Number, DomElement Dom, string? Location) Snapshot() => _outbox.Snapshot();

    /// <summary>Everything the client lacks when it has applied <paramref name="clientNumber"/>.</summary>
    public List<ViewMessage> MessagesAfter(int clientNumber) => _outbox.MessagesAfter(clientNumber, _navigation.Uri);

    /// <summary>The whole view, for a client at <paramref name="clientNumber"/> (a resync, or a view it does not know).</summary>
    public List<ViewMessage> Refresh(int clientNumber = 0, string reason = RefreshReasons.Resync) => _outbox.Refresh(clientNumber, _navigation.Uri, reason);

    /// <summary>The view's record for the session object, as of now (call with the session locked).</summary>
    public Task<ViewRecord> CaptureAsync() => _renderer.Dispatcher.InvokeAsync(() =>
    {
        var (number, dom) = _outbox.Current();
        var groups = Groups;
        return new ViewRecord
        {
            Url = _navigation.ToBaseRelativePath(_navigation.Uri),
            Number = number,
            LastEventId = _lastEventId,
            DomHash = DomHash.Of(dom),
            LastAccess = LastAccess,
            Components = _renderer.CaptureState(_serializer),
            Beans = _beans.CaptureViewBeans(),
            Groups = groups.Length == 0 ? [] : [.. groups.Order(StringComparer.Ordinal)],
        };
    });

    public async ValueTask DisposeAsync()
    {
        // A poll waiting on this view answers now; the client polls again and the view is rebuilt.
        if (!_outbox.Close())
        {
            return;
        }
        // Before the components are disposed: their DisposeAsync may call JS, and must see JSDisconnectedException.
        _js.Disconnect();
        try
        {
            await _renderer.Dispatcher.InvokeAsync(_renderer.DisposeViewAsync);
        }
        catch (Exception e)
        {
            LogDisposeFailed(_logger, Id, e);
        }
        await ((IAsyncDisposable)_scope).DisposeAsync();
    }

    /// <summary>The push groups the view belongs to.</summary>
    public string[] Groups
    {
        get
        {
            lock (_groups)
            {
                return _groups.Count == 0 ? [] : [.. _groups];
            }
        }
    }

    /// <summary>Adds or removes the view from a push group; saved with the view's record at the next capture.</summary>
    public bool SetGroup(string group, bool member)
    {
        lock (_groups)
        {
            return member ? _groups.Add(group) : _groups.Remove(group);
        }
    }

    /// <summary>The user of the request now working on the view (null: keep the last one, as for a push).</summary>
    public void Authenticate(System.Security.Claims.ClaimsPrincipal? user)
    {
        if (user is not null)
        {
            _user.SetUser(user);
        }
    }

    /// <summary>Marks the view used now, so passivation leaves it alone.</summary>
    public void Touch() => LastAccess = _time.GetUtcNow();

    /// <summary>Passivated or discarded: a request still holding it must resolve the view again.</summary>
    public bool IsDisposed => _outbox.IsClosed;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Call on the dispatcher, before the work starts.
    private Task WatchInterop()
    {
        var queued = NewSignal();
        Volatile.Write(ref _interopQueued, queued);
        return queued.Task;
    }

    // A JavaScript call or a .NET call's result, from any thread (usually the dispatcher).
    private void OnInterop(ViewMessage message)
    {
        // On the dispatcher a render not flushed yet may hold what the call needs (the element it focuses).
        _outbox.AddInterop(message, afterPendingRender: _renderer.Dispatcher.CheckAccess() && _dirty);
        Volatile.Read(ref _interopQueued).TrySetResult();
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new ProtocolException(ErrorCodes.ViewFailed, "A component of this view threw an unhandled exception; the view was discarded.", _failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disposing view {ViewId} failed.")]
    private static partial void LogDisposeFailed(ILogger logger, string viewId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A component of view {ViewId} threw; the view is discarded.")]
    private static partial void LogComponentFailed(ILogger logger, string viewId, Exception exception);
}

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RazorFaces.Dom;
using RazorFaces.Hosting;
using RazorFaces.Protocol;
using RazorFaces.Rendering;

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
    private readonly RazorFacesOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _sync = new();
    private readonly UpdateLog _log;

    // Guarded by _sync: what the browser has been sent.
    private DomElement _dom = new("div");
    private int _number;
    private string? _location;
    private TaskCompletionSource _changed = NewSignal();

    // Touched on the renderer's dispatcher only.
    private bool _dirty;
    private bool _flushScheduled;
    private bool _handlingMessage;
    private Exception? _failure;
    private long _lastEventId;

    private LiveView(string id, string sessionId, IServiceScope scope, RazorFacesOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        Id = id;
        SessionId = sessionId;
        _scope = scope;
        _options = options;
        _time = time;
        _logger = loggerFactory.CreateLogger<LiveView>();
        _log = new UpdateLog(options.UpdateLogLength);
        _navigation = (ViewNavigationManager)scope.ServiceProvider.GetRequiredService<NavigationManager>();
        _renderer = new ViewRenderer(scope.ServiceProvider, loggerFactory)
        {
            Rendered = OnRendered,
            Failed = OnFailed,
        };
        LastAccess = time.GetUtcNow();
    }

    public string Id { get; }

    public string SessionId { get; }

    public DateTimeOffset LastAccess { get; private set; }

    public int Number
    {
        get
        {
            lock (_sync)
            {
                return _number;
            }
        }
    }

    /// <summary>
    /// Creates a view and renders it for the first time; the result is view number 1. Pages pass no
    /// <paramref name="parameters"/>; the test harness uses them to render any component as the root.
    /// </summary>
    public static async Task<LiveView> CreateAsync(
        IServiceProvider services, Type rootComponent, string sessionId, string baseUri, string uri,
        IReadOnlyDictionary<string, object?>? parameters = null)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RazorFacesOptions>>().Value;
        var view = new LiveView(
            ViewIds.New(), sessionId, services.CreateAsyncScope(), options,
            services.GetService<TimeProvider>() ?? TimeProvider.System, services.GetRequiredService<ILoggerFactory>());
        try
        {
            view._navigation.Start(baseUri, uri);
            await view._renderer.Dispatcher.InvokeAsync(async () =>
            {
                view._handlingMessage = true;
                try
                {
                    await view._renderer.RenderRootAsync(
                        rootComponent, parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters.ToDictionary()));
                }
                finally
                {
                    view._handlingMessage = false;
                }
                view.ThrowIfFailed();
                lock (view._sync)
                {
                    view._dom = view._renderer.BuildDom();
                    view._number = 1;
                    view._location = view._navigation.TakePendingLocation();
                    view._navigation.TakePendingUrl();
                    view._dirty = false;
                }
            });
            return view;
        }
        catch
        {
            await view.DisposeAsync();
            throw;
        }
    }

    /// <summary>The view as the browser must first show it.</summary>
    public (int Number, DomElement Dom, string? Location) Snapshot()
    {
        lock (_sync)
        {
            return (_number, _dom, _location);
        }
    }

    /// <summary>Everything the client lacks when it has applied <paramref name="clientNumber"/>.</summary>
    public List<ViewMessage> MessagesAfter(int clientNumber)
    {
        lock (_sync)
        {
            var messages = new List<ViewMessage>();
            if (_location is not null)
            {
                messages.Add(new LocationMessage(_location));
                _location = null;
            }
            if (_log.After(clientNumber, _number) is { } updates)
            {
                messages.AddRange(updates);
            }
            else
            {
                messages.Add(new RefreshMessage(_number, _dom, _navigation.Uri));
            }
            return messages;
        }
    }

    public List<ViewMessage> Refresh()
    {
        lock (_sync)
        {
            return [new RefreshMessage(_number, _dom, _navigation.Uri)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _renderer.Dispatcher.InvokeAsync(_renderer.DisposeViewAsync);
        }
        catch (Exception e)
        {
            LogDisposeFailed(_logger, Id, e);
        }
        await ((IAsyncDisposable)_scope).DisposeAsync();
        _gate.Dispose();
    }

    private void Touch() => LastAccess = _time.GetUtcNow();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new ViewException(ErrorCodes.ViewFailed, "A component of this view threw an unhandled exception; the view was discarded.", _failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disposing view {ViewId} failed.")]
    private static partial void LogDisposeFailed(ILogger logger, string viewId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A component of view {ViewId} threw; the view is discarded.")]
    private static partial void LogComponentFailed(ILogger logger, string viewId, Exception exception);
}

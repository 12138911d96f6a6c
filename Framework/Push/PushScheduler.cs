using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RazorFaces.Cluster;
using RazorFaces.Session;
using RazorFaces.Transport;
using RazorFaces.Views;

namespace RazorFaces.Push;

/// <summary>
/// Runs pushes on this node's live views. A push for a view that already has one waiting joins it (many pushes,
/// one update); each runs like an event: session locked, view re-rendered, record captured, session saved, then
/// the update goes to the browser through its poll or hub connection. Pushes for a group reach every node
/// through the cluster bus.
/// </summary>
internal sealed partial class PushScheduler
{
    internal const string Channel = "push";

    private readonly ViewRegistry _views;
    private readonly PushGroups _groups;
    private readonly SessionManager _sessions;
    private readonly MessageDispatcher _dispatcher;
    private readonly IClusterBus _bus;
    private readonly ILogger<PushScheduler> _logger;
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private int _subscribed;

    public PushScheduler(
        ViewRegistry views, PushGroups groups, SessionManager sessions, MessageDispatcher dispatcher, IClusterBus bus, ILogger<PushScheduler> logger)
    {
        _views = views;
        _groups = groups;
        _sessions = sessions;
        _dispatcher = dispatcher;
        _bus = bus;
        _logger = logger;
    }

    /// <summary>Listens for pushes from every node (once); keeps trying while the bus cannot be reached.</summary>
    public async Task StartAsync()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) != 0)
        {
            return;
        }
        while (true)
        {
            try
            {
                await _bus.SubscribeAsync(Channel, group =>
                {
                    foreach (var viewId in _groups.ViewsIn(group))
                    {
                        _ = Schedule(viewId, group, work: null);
                    }
                    return Task.CompletedTask;
                });
                return;
            }
            catch (SessionStoreUnavailableException e)
            {
                LogSubscribeFailed(_logger, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    public Task RenderGroupAsync(string group) => _bus.PublishAsync(Channel, group);

    /// <summary>Queues a push for one live view; returns when it has run (or joined one that ran).</summary>
    public Task Schedule(string viewId, string? group, Func<Task>? work)
    {
        while (true)
        {
            var pending = _pending.GetOrAdd(viewId, _ => new Pending());
            lock (pending)
            {
                if (!pending.Started)
                {
                    if (group is not null)
                    {
                        pending.Groups.Add(group);
                    }
                    if (work is not null)
                    {
                        pending.Work.Add(work);
                    }
                    if (!pending.Scheduled)
                    {
                        pending.Scheduled = true;
                        _ = Task.Run(() => RunAsync(viewId, pending));
                    }
                    return pending.Done.Task;
                }
            }
            // The one found had started already: it may not see this push, so a new one is queued.
            _pending.TryRemove(KeyValuePair.Create(viewId, pending));
        }
    }

    private async Task RunAsync(string viewId, Pending pending)
    {
        try
        {
            if (_views.Find(viewId) is not { IsDisposed: false } view)
            {
                return;
            }
            await using var lease = await _sessions.AcquireAsync(view.SessionId, CancellationToken.None);
            lock (pending)
            {
                pending.Started = true;
            }
            _pending.TryRemove(KeyValuePair.Create(viewId, pending));
            // Only a view built on the session object as it is now may change it (else it is rebuilt on next use).
            if (lease.State is not { } session || !ReferenceEquals(view.Session, session) || view.IsDisposed)
            {
                return;
            }
            var work = pending.Work.Count == 0 ? null : (Func<Task>)(async () =>
            {
                foreach (var item in pending.Work)
                {
                    await item();
                }
            });
            await view.PushAsync(pending.Groups, work);
            await _dispatcher.RecordAsync(session, view);
            await _sessions.SaveAsync(session, CancellationToken.None);
        }
        catch (Exception e) when (e is ViewPassivatedException or ViewException or SessionStoreUnavailableException)
        {
            LogPushFailed(_logger, viewId, e.Message);
        }
        catch (Exception e)
        {
            LogPushFailed(_logger, viewId, e.ToString());
        }
        finally
        {
            lock (pending)
            {
                pending.Started = true;
            }
            _pending.TryRemove(KeyValuePair.Create(viewId, pending));
            pending.Done.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot listen for pushes yet: {Reason}")]
    private static partial void LogSubscribeFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A push to view {ViewId} was not delivered: {Reason}")]
    private static partial void LogPushFailed(ILogger logger, string viewId, string reason);

    private sealed class Pending
    {
        public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);

        public List<Func<Task>> Work { get; } = [];

        public bool Scheduled { get; set; }

        public bool Started { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

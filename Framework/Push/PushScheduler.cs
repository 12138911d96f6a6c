using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Cluster;
using RazorFaces.Diagnostics;
using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.Views;

namespace RazorFaces.Push;

/// <summary>
/// Runs pushes on this node's live views. A push for a view that already has one waiting joins it (many pushes,
/// one update); each runs like an event: session locked, view re-rendered, record captured, session saved, then
/// the update goes to the browser through its poll or hub connection. Pushes for a group reach every node
/// through the cluster bus. At most <see cref="PushOptions.Concurrency"/> views run at once (as many workers,
/// each running queued views one after another), the rest wait in arrival order without holding their session;
/// the views of one push share one <see cref="PushContext"/>, so data they all show is loaded once.
/// </summary>
internal sealed partial class PushScheduler
{
    internal const string Channel = "push";

    private readonly ViewRegistry _views;
    private readonly ViewGroups _groups;
    private readonly ViewSession _sessions;
    private readonly IClusterBus _bus;
    private readonly ILogger<PushScheduler> _logger;
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string ViewId, Pending Pending)> _queue = new();
    private readonly int _concurrency;
    private int _workers;
    private readonly RazorFacesMetrics? _metrics;
    private int _subscribed;

    public PushScheduler(
        ViewRegistry views, ViewGroups groups, ViewSession sessions, IClusterBus bus,
        IOptions<PushOptions> options, ILogger<PushScheduler> logger, RazorFacesMetrics? metrics = null)
    {
        _metrics = metrics;
        _views = views;
        _groups = groups;
        _sessions = sessions;
        _bus = bus;
        _logger = logger;
        _concurrency = Math.Max(1, options.Value.Concurrency);
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
                    _ = RenderLocalGroupAsync(group);
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

    /// <summary>
    /// Queues a push to every view of <paramref name="group"/> live on this node, all with one
    /// <see cref="PushContext"/>; returns when each has run (or joined one that ran).
    /// </summary>
    public Task RenderLocalGroupAsync(string group)
    {
        var push = new PushContext(group);
        return Task.WhenAll(_groups.ViewsIn(group).Select(viewId => Schedule(viewId, push, work: null)));
    }

    /// <summary>Queues a push for one live view; returns when it has run (or joined one that ran).</summary>
    public Task Schedule(string viewId, PushContext? push, Func<Task>? work)
    {
        while (true)
        {
            var pending = _pending.GetOrAdd(viewId, _ => new Pending());
            lock (pending)
            {
                if (!pending.Started)
                {
                    if (push is not null && (!pending.Pushes.TryGetValue(push.Group, out var joined) || joined.Sequence < push.Sequence))
                    {
                        pending.Pushes[push.Group] = push;
                    }
                    if (work is not null)
                    {
                        pending.Work.Add(work);
                    }
                    if (!pending.Scheduled)
                    {
                        pending.Scheduled = true;
                        _queue.Enqueue((viewId, pending));
                        StartWorkerIfNeeded();
                    }
                    return pending.Done.Task;
                }
            }
            // The one found had started already: it may not see this push, so a new one is queued.
            _pending.TryRemove(KeyValuePair.Create(viewId, pending));
        }
    }

    // At most Concurrency workers, started when views are queued and ending when the queue is empty. A worker runs
    // views one after another, so a push to a thousand views costs a few tasks, not a task and a slot wait each.
    private void StartWorkerIfNeeded()
    {
        while (true)
        {
            var running = Volatile.Read(ref _workers);
            if (running >= _concurrency || _queue.IsEmpty)
            {
                return;
            }
            if (Interlocked.CompareExchange(ref _workers, running + 1, running) == running)
            {
                _ = Task.Run(WorkAsync);
                return;
            }
        }
    }

    private async Task WorkAsync()
    {
        while (true)
        {
            // Waiting in the queue holds no lock: the user's own events on this session go ahead meanwhile, and
            // pushes arriving for a view until it starts join the one queued.
            while (_queue.TryDequeue(out var next))
            {
                await RunAsync(next.ViewId, next.Pending);
            }
            Interlocked.Decrement(ref _workers);
            // A view queued after the queue looked empty, but before this worker counted itself out, needs a worker.
            if (_queue.IsEmpty || !TryRejoin())
            {
                return;
            }
        }
    }

    private bool TryRejoin()
    {
        while (true)
        {
            var running = Volatile.Read(ref _workers);
            if (running >= _concurrency)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _workers, running + 1, running) == running)
            {
                return true;
            }
        }
    }

    // Never throws: a view's failure is logged and its waiters are released.
    private async Task RunAsync(string viewId, Pending pending)
    {
        try
        {
            if (_views.Find(viewId) is not { IsDisposed: false } view)
            {
                return;
            }
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var delivered = await _sessions.RunAsync(new ViewRequest(view.SessionId, view.BaseUri, CancellationToken.None), async work =>
            {
                lock (pending)
                {
                    pending.Started = true;
                }
                _pending.TryRemove(KeyValuePair.Create(viewId, pending));
                // Only a view built on the session object as it is now may change it (else it is rebuilt on next use).
                if (!work.Holds(view))
                {
                    return false;
                }
                var items = pending.Work.Count == 0 ? null : (Func<Task>)(async () =>
                {
                    foreach (var item in pending.Work)
                    {
                        await item();
                    }
                });
                await view.PushAsync(pending.Pushes.Values, items);
                work.Use(view);
                return true;
            });
            if (delivered.Value)
            {
                _metrics?.Pushed(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
        }
        catch (ProtocolException e) when (e.Code == ErrorCodes.SessionExpired)
        {
            // The session ended meanwhile: its views go with it, nothing to deliver.
        }
        catch (Exception e) when (e is ViewPassivatedException or ProtocolException)
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
        // The newest push of each group that reached the view before it started.
        public Dictionary<string, PushContext> Pushes { get; } = new(StringComparer.Ordinal);

        public List<Func<Task>> Work { get; } = [];

        public bool Scheduled { get; set; }

        public bool Started { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RazorFaces.Diagnostics;
using RazorFaces.Session;
using RazorFaces.State;

namespace RazorFaces.Views;

/// <summary>
/// The live views of this node, by view id, by session object and by push group. A live view is only a cache: its
/// record in the session object is what counts, so dropping one (passivation, eviction, a stale session) loses
/// nothing. Dropping a session's views costs what that session has, never a scan of every view on the node.
/// </summary>
internal sealed class ViewRegistry : ISessionObserver
{
    private readonly TimeProvider time;
    private readonly ViewGroups groups;
    private readonly IOptions<ViewOptions> options;
    private readonly RazorFacesMetrics? metrics;

    public ViewRegistry(TimeProvider time, ViewGroups groups, IOptions<ViewOptions> options, RazorFacesMetrics? metrics = null)
    {
        this.time = time;
        this.groups = groups;
        this.options = options;
        this.metrics = metrics;
        metrics?.Meter.CreateObservableUpDownCounter("razorfaces.views.live", () => _views.Count, "{view}", "Live views in this node's memory.");
    }

    private readonly ConcurrentDictionary<string, LiveView> _views = new(StringComparer.Ordinal);

    // Rings when the node holds more live views than ViewOptions.MaxLivePerNode; ViewExpiryService answers.
    private readonly Channel<bool> _pressure = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    // By the session object the views were built on (by reference: a rotation changes the object's id, not the
    // object, and the session layer hands back the object it drops). Guarded by itself.
    private readonly Dictionary<SessionState, List<string>> _bySession = new(ReferenceEqualityComparer.Instance);

    public int Count => _views.Count;

    public void Add(LiveView view)
    {
        _views[view.Id] = view;
        lock (_bySession)
        {
            if (!_bySession.TryGetValue(view.Session, out var ids))
            {
                _bySession[view.Session] = ids = [];
            }
            ids.Add(view.Id);
        }
        foreach (var group in view.Groups)
        {
            groups.Add(group, view.Id);
        }
        if (_views.Count > options.Value.MaxLivePerNode)
        {
            _pressure.Writer.TryWrite(true);
        }
    }

    /// <summary>Completes each time the node went over <see cref="ViewOptions.MaxLivePerNode"/> since it last completed.</summary>
    public ValueTask<bool> OverCapAsync(CancellationToken cancellationToken) => _pressure.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>
    /// Passivates the least recently used views whose tabs do not poll or watch them, until at most
    /// <paramref name="keep"/> are live or none such is left (a watched view would only be rebuilt at once by its
    /// tab's next poll). Returns how many went.
    /// </summary>
    public async Task<int> PassivateLeastRecentlyUsedAsync(int keep)
    {
        _pressure.Reader.TryRead(out _);
        var excess = _views.Count - keep;
        if (excess <= 0)
        {
            return 0;
        }
        var dropped = 0;
        foreach (var view in _views.Values.Where(v => !v.IsWatched).OrderBy(v => v.LastAccess).Take(excess).ToList())
        {
            await RemoveAsync(view.Id);
            dropped++;
        }
        metrics?.Passivated(dropped, "pressure");
        return dropped;
    }

    public LiveView? Find(string viewId) => _views.TryGetValue(viewId, out var view) ? view : null;

    public async Task RemoveAsync(string viewId)
    {
        if (!_views.TryRemove(viewId, out var view))
        {
            return;
        }
        lock (_bySession)
        {
            if (_bySession.TryGetValue(view.Session, out var ids) && ids.Remove(view.Id) && ids.Count == 0)
            {
                _bySession.Remove(view.Session);
            }
        }
        foreach (var group in view.Groups)
        {
            groups.Remove(group, view.Id);
        }
        await view.DisposeAsync();
    }

    /// <summary>Drops the live views built on <paramref name="session"/> (its beans are stale, or it ended).</summary>
    public async Task RemoveSessionAsync(SessionState session)
    {
        string[] ids;
        lock (_bySession)
        {
            if (!_bySession.Remove(session, out var list))
            {
                return;
            }
            ids = [.. list];
        }
        foreach (var id in ids)
        {
            await RemoveAsync(id);
        }
    }

    Task ISessionObserver.SessionDroppedAsync(SessionState copy) => RemoveSessionAsync(copy);

    bool ISessionObserver.Uses(SessionState copy)
    {
        lock (_bySession)
        {
            return _bySession.ContainsKey(copy);
        }
    }

    /// <summary>Drops live views unused for <paramref name="idle"/>; returns how many.</summary>
    public async Task<int> PassivateAsync(TimeSpan idle)
    {
        var cutoff = time.GetUtcNow() - idle;
        var dropped = 0;
        foreach (var view in _views.Values)
        {
            if (view.LastAccess <= cutoff)
            {
                await RemoveAsync(view.Id);
                dropped++;
            }
        }
        metrics?.Passivated(dropped, "idle");
        return dropped;
    }

    public async Task RemoveAllAsync()
    {
        foreach (var id in _views.Keys)
        {
            await RemoveAsync(id);
        }
    }
}

using System.Collections.Concurrent;
using RazorFaces.Session;
using RazorFaces.State;

namespace RazorFaces.Views;

/// <summary>
/// The live views of this node, by view id, by session object and by push group. A live view is only a cache: its
/// record in the session object is what counts, so dropping one (passivation, eviction, a stale session) loses
/// nothing. Dropping a session's views costs what that session has, never a scan of every view on the node.
/// </summary>
internal sealed class ViewRegistry(TimeProvider time, ViewGroups groups) : ISessionObserver
{
    private readonly ConcurrentDictionary<string, LiveView> _views = new(StringComparer.Ordinal);

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

using System.Collections.Concurrent;

namespace RazorFaces.Views;

/// <summary>
/// The live views of this node, by view id. A live view is only a cache: its record in the session object is
/// what counts, so dropping one (passivation, eviction, a stale session) loses nothing.
/// </summary>
internal sealed class ViewRegistry(TimeProvider time, Push.PushGroups groups)
{
    private readonly ConcurrentDictionary<string, LiveView> _views = new(StringComparer.Ordinal);

    public int Count => _views.Count;

    public void Add(LiveView view)
    {
        _views[view.Id] = view;
        foreach (var group in view.Groups)
        {
            groups.Add(group, view.Id);
        }
    }

    public LiveView? Find(string viewId) => _views.TryGetValue(viewId, out var view) ? view : null;

    public async Task RemoveAsync(string viewId)
    {
        if (_views.TryRemove(viewId, out var view))
        {
            foreach (var group in view.Groups)
            {
                groups.Remove(group, view.Id);
            }
            await view.DisposeAsync();
        }
    }

    public async Task RemoveSessionAsync(string sessionId)
    {
        foreach (var view in _views.Values)
        {
            if (view.SessionId == sessionId)
            {
                await RemoveAsync(view.Id);
            }
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

using System.Collections.Concurrent;

namespace RazorFaces.Views;

/// <summary>Which live views of this node belong to which push group (the cluster-wide truth is in the view records).</summary>
internal sealed class ViewGroups
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _members = new(StringComparer.Ordinal);

    public void Add(string group, string viewId) =>
        _members.GetOrAdd(group, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[viewId] = 0;

    public void Remove(string group, string viewId)
    {
        if (_members.TryGetValue(group, out var views))
        {
            views.TryRemove(viewId, out _);
        }
    }

    public IReadOnlyCollection<string> ViewsIn(string group) =>
        _members.TryGetValue(group, out var views) ? [.. views.Keys] : [];
}

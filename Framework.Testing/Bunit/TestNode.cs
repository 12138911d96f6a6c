namespace RazorFaces.Testing;

/// <summary>
/// The server node the tabs of one bUnit test run on: the push groups its views joined. Tabs opened from a context
/// (<see cref="RazorFacesBunitExtensions.OpenTab"/>, <see cref="RazorFacesBunitExtensions.OpenSession"/>) share it; a
/// rebuild on another node gets a new one.
/// </summary>
internal sealed class TestNode
{
    private readonly Dictionary<string, List<BunitTab>> _groups = new(StringComparer.Ordinal);

    public void Join(string group, BunitTab tab)
    {
        lock (_groups)
        {
            if (!_groups.TryGetValue(group, out var tabs))
            {
                _groups[group] = tabs = [];
            }
            if (!tabs.Contains(tab))
            {
                tabs.Add(tab);
            }
        }
    }

    public void Leave(string group, BunitTab tab)
    {
        lock (_groups)
        {
            if (_groups.TryGetValue(group, out var tabs))
            {
                tabs.Remove(tab);
            }
        }
    }

    /// <summary>The tabs in <paramref name="group"/>, in the order they joined, leaving out disposed ones.</summary>
    public BunitTab[] Members(string group)
    {
        lock (_groups)
        {
            return _groups.TryGetValue(group, out var tabs) ? [.. tabs.Where(t => !t.IsDisposed)] : [];
        }
    }
}

namespace RazorFaces.Session;

/// <summary>One browser session: its id (the cookie), its CSRF token and its views, most recently used last.</summary>
internal sealed class BrowserSession(string id, string csrfToken, DateTimeOffset now)
{
    private readonly List<string> _views = [];

    public string Id { get; } = id;

    public string CsrfToken { get; } = csrfToken;

    public DateTimeOffset LastAccess { get; private set; } = now;

    public Lock Sync { get; } = new();

    public void Touch(DateTimeOffset now) => LastAccess = now;

    /// <summary>Adds a view and returns the views that no longer fit under <paramref name="cap"/>.</summary>
    public List<string> AddView(string viewId, int cap)
    {
        lock (Sync)
        {
            _views.Add(viewId);
            var evicted = new List<string>();
            while (_views.Count > cap)
            {
                evicted.Add(_views[0]);
                _views.RemoveAt(0);
            }
            return evicted;
        }
    }

    public void UseView(string viewId)
    {
        lock (Sync)
        {
            if (_views.Remove(viewId))
            {
                _views.Add(viewId);
            }
        }
    }

    public void RemoveView(string viewId)
    {
        lock (Sync)
        {
            _views.Remove(viewId);
        }
    }

    public string[] Views()
    {
        lock (Sync)
        {
            return [.. _views];
        }
    }
}

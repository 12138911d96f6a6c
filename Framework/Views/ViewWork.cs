using System.Security.Claims;
using RazorFaces.Protocol;
using RazorFaces.State;

namespace RazorFaces.Views;

/// <summary>
/// What one unit of work may do with its locked session's views (see <see cref="ViewSession"/>). Every view it
/// finds, rebuilds, starts or uses is recorded into the session object when the work commits.
/// </summary>
internal sealed class ViewWork
{
    private readonly ViewSession _owner;
    private readonly List<LiveView> _used = [];

    internal ViewWork(ViewSession owner, SessionState session, string baseUri, ClaimsPrincipal? user)
    {
        _owner = owner;
        Session = session;
        BaseUri = baseUri;
        User = user;
    }

    /// <summary>The request's user, given to every view the work resolves or starts; null for a push.</summary>
    public ClaimsPrincipal? User { get; }

    /// <summary>The session object, locked for this work.</summary>
    public SessionState Session { get; }

    /// <summary>The app's base address as the browser sees it, ending in '/'.</summary>
    public string BaseUri { get; }

    internal IReadOnlyList<LiveView> Used => _used;

    /// <summary>
    /// The live view for <paramref name="viewId"/>: the one in memory, else rebuilt from the session object,
    /// else a fresh view of <paramref name="url"/> under a new id (the client adopts it from the refresh).
    /// </summary>
    /// <returns>The view, and whether this call started (rebuilt or created) it.</returns>
    /// <remarks>
    /// A view it started is recorded at the commit (a rebuild may have moved the view on: a refresh one number past
    /// its record, which another node must not hand out again). A view found live is recorded only if the work
    /// <see cref="Use"/>s it, so a poll that finds its view writes nothing.
    /// </remarks>
    public async Task<(LiveView View, bool Started)> ResolveAsync(string viewId, string? url)
    {
        var (view, started) = await _owner.ResolveAsync(Session, viewId, url, BaseUri, User);
        if (started)
        {
            Use(view);
        }
        return (view, started);
    }

    /// <summary>A fresh view of <paramref name="url"/> (the first GET of a page).</summary>
    public async Task<LiveView> StartAsync(string url)
    {
        var view = await _owner.StartAsync(new ViewStart(_owner.RootComponent, Session, BaseUri, url) { User = User });
        Use(view);
        return view;
    }

    /// <summary>The browser closed the view's tab: its record and its live view go.</summary>
    /// <exception cref="ProtocolException">The view belongs to another session.</exception>
    public async Task CloseAsync(string viewId)
    {
        _owner.ThrowIfForeign(Session, viewId);
        Session.RemoveView(viewId);
        await _owner.RemoveAsync(viewId);
    }

    /// <summary>Drops a view that will not be shown after all (a first render that redirected).</summary>
    public async Task DiscardAsync(LiveView view)
    {
        _used.Remove(view);
        await _owner.RemoveAsync(view.Id);
        await view.DisposeAsync();
    }

    /// <summary>A view that failed is discarded with its record (the client then gets <c>unknown-view</c> and reloads).</summary>
    public async Task DropFailedAsync(LiveView view)
    {
        _used.Remove(view);
        Session.RemoveView(view.Id);
        await _owner.RemoveAsync(view.Id);
    }

    /// <summary>Whether <paramref name="view"/> is live and built on this session object (so it may change it).</summary>
    public bool Holds(LiveView view) => ReferenceEquals(view.Session, Session) && !view.IsDisposed;

    /// <summary>Records <paramref name="view"/> into the session object when the work commits.</summary>
    public void Use(LiveView view)
    {
        if (!_used.Contains(view))
        {
            _used.Add(view);
        }
    }
}

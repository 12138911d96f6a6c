using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Hosting;
using RazorFaces.Session;

namespace RazorFaces.Views;

/// <summary>The live views of this node, by view id.</summary>
internal sealed partial class ViewRegistry(IOptions<RazorFacesOptions> options, TimeProvider time, ILogger<ViewRegistry> logger)
{
    private readonly ConcurrentDictionary<string, LiveView> _views = new(StringComparer.Ordinal);

    public int Count => _views.Count;

    public async Task AddAsync(BrowserSession session, LiveView view)
    {
        _views[view.Id] = view;
        foreach (var evicted in session.AddView(view.Id, options.Value.MaxViewsPerSession))
        {
            LogEvicted(logger, evicted, session.Id);
            await RemoveAsync(evicted);
        }
    }

    public LiveView? Find(string viewId) => _views.TryGetValue(viewId, out var view) ? view : null;

    public async Task RemoveAsync(string viewId)
    {
        if (_views.TryRemove(viewId, out var view))
        {
            await view.DisposeAsync();
        }
    }

    /// <summary>Drops views idle longer than the view idle timeout, and the views of ended sessions.</summary>
    public async Task RemoveIdleAsync(IEnumerable<BrowserSession> endedSessions)
    {
        var cutoff = time.GetUtcNow() - options.Value.ViewIdleTimeout;
        foreach (var session in endedSessions)
        {
            foreach (var viewId in session.Views())
            {
                await RemoveAsync(viewId);
            }
        }
        foreach (var view in _views.Values)
        {
            if (view.LastAccess < cutoff)
            {
                await RemoveAsync(view.Id);
            }
        }
    }

    public async Task RemoveAllAsync()
    {
        foreach (var id in _views.Keys)
        {
            await RemoveAsync(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "View {ViewId} of session {SessionId} dropped: the session has too many views.")]
    private static partial void LogEvicted(ILogger logger, string viewId, string sessionId);
}

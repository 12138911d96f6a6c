namespace RazorFaces;

/// <summary>
/// Server push: update views without a browser event — a chat message, a stock tick, a finished job.
/// Injected per view (<c>@inject IPushRenderer Push</c>).
/// </summary>
public interface IPushRenderer
{
    /// <summary>Adds the current view to a push group. Membership is saved with the view, so it survives failover.</summary>
    void AddCurrentView(string group);

    /// <summary>Takes the current view out of a push group.</summary>
    void RemoveCurrentView(string group);

    /// <summary>
    /// Re-renders every view of the group, on every node of the cluster. Components implementing
    /// <see cref="IPushHandler"/> reload their data first. Many pushes to one view become one update.
    /// </summary>
    Task RenderAsync(string group);

    /// <summary>
    /// Runs <paramref name="work"/> against the current view outside any request, under the same rules as an
    /// event — the session locked, component state captured, changed beans written before the update goes out —
    /// then re-renders the view. Does nothing once the view is no longer live on this node.
    /// </summary>
    Task InvokeAsync(Func<Task> work);
}

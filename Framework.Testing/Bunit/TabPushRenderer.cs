namespace RazorFaces.Testing;

/// <summary>
/// The <see cref="IPushRenderer"/> of a bUnit tab. It really re-renders: the tabs of the node (this test's tabs and
/// sessions) that joined a group re-render every component they created, <see cref="IPushHandler"/> ones reloading
/// first, exactly as a view does. Unlike the server, <see cref="RenderAsync"/> returns when every tab of the group
/// has re-rendered, so a test asserts right after it. A push runs when the event that sent it yields, never inside it.
/// </summary>
internal sealed class TabPushRenderer(BunitTab tab) : IPushRenderer
{
    public void AddCurrentView(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        tab.Node.Join(group, tab);
    }

    public void RemoveCurrentView(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        tab.Node.Leave(group, tab);
    }

    public Task RenderAsync(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        // One push context for all the tabs of the push, as one node shares it between its views.
        var push = new PushContext(group);
        return Task.WhenAll(tab.Node.Members(group).Select(member => Task.Run(() => member.RerenderAsync([push]))));
    }

    public Task InvokeAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return tab.IsDisposed ? Task.CompletedTask : Task.Run(() => tab.RerenderAsync([], work));
    }
}

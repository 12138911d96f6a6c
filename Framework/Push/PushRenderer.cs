using RazorFaces.Views;

namespace RazorFaces.Push;

/// <summary>The per-view <see cref="IPushRenderer"/>.</summary>
internal sealed class PushRenderer(CurrentView current, ViewGroups groups, PushScheduler scheduler) : IPushRenderer
{
    public void AddCurrentView(string group)
    {
        var view = View;
        view.SetGroup(group, member: true);
        groups.Add(group, view.Id);
    }

    public void RemoveCurrentView(string group)
    {
        var view = View;
        view.SetGroup(group, member: false);
        groups.Remove(group, view.Id);
    }

    public Task RenderAsync(string group) => scheduler.RenderGroupAsync(group);

    public Task InvokeAsync(Func<Task> work) =>
        current.View is { IsDisposed: false } view ? scheduler.Schedule(view.Id, push: null, work) : Task.CompletedTask;

    private LiveView View => current.View
        ?? throw new InvalidOperationException("IPushRenderer can only be used by components of a RazorFaces view.");
}

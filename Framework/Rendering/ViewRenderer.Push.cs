using Microsoft.AspNetCore.Components;
using RazorFaces.Push;

namespace RazorFaces.Rendering;

internal sealed partial class ViewRenderer
{
    /// <summary>
    /// Re-renders every component of the view for a push (call on the dispatcher): <see cref="IPushHandler"/>
    /// components reload first, once per pushed group.
    /// </summary>
    public Task RerenderForPushAsync(IReadOnlyCollection<PushContext> pushes) =>
        RerenderForPushAsync(_places.Keys.ToList().Select(id => GetComponentState(id).Component), pushes);

    /// <summary>
    /// Re-renders <paramref name="components"/> for a push, on their renderer's dispatcher. Going through
    /// <see cref="IHandleEvent"/> makes a component render exactly as after one of its own events, without touching
    /// its protected members. The bUnit integration (RazorFaces.Testing) pushes to its tabs the same way.
    /// </summary>
    public static Task RerenderForPushAsync(IEnumerable<IComponent> components, IReadOnlyCollection<PushContext> pushes)
    {
        var tasks = new List<Task>();
        foreach (var component in components)
        {
            if (component is not IHandleEvent handler)
            {
                continue;
            }
            Func<Task> reload = component is IPushHandler pushHandler
                ? async () =>
                {
                    foreach (var push in pushes)
                    {
                        await pushHandler.OnPushAsync(push);
                    }
                }
                : () => Task.CompletedTask;
            tasks.Add(handler.HandleEventAsync(new EventCallbackWorkItem(reload), null));
        }
        return Task.WhenAll(tasks);
    }
}

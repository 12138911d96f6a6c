namespace RazorFaces.Push;

/// <summary>A component that reloads its data when a push group it belongs to is rendered.</summary>
public interface IPushHandler
{
    /// <summary>Called on the view's dispatcher before the component re-renders for a push to <paramref name="group"/>.</summary>
    Task OnPushAsync(string group);
}

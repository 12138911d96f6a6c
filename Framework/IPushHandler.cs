namespace RazorFaces;

/// <summary>A component that reloads its data when a push group it belongs to is rendered.</summary>
public interface IPushHandler
{
    /// <summary>
    /// Called on the view's dispatcher before the component re-renders for a push to <see cref="PushContext.Group"/>.
    /// Load data that every view of the group shows through <see cref="PushContext.LoadOnceAsync{T}"/>, so the
    /// push reads it once per node instead of once per view.
    /// </summary>
    Task OnPushAsync(PushContext push);
}

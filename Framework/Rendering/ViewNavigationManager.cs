using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace RazorFaces.Rendering;

/// <summary>
/// <see cref="NavigationManager"/> for a server-side view. In-app navigation re-renders the same view
/// (the client then pushes the URL to its history); a forced load or an outside address is sent to the
/// browser as a <c>location</c> message.
/// </summary>
internal sealed class ViewNavigationManager : NavigationManager
{
    /// <summary>Set when the view navigated in place since the last update was sent.</summary>
    public string? PendingUrl { get; private set; }

    /// <summary>Whether the pending URL replaces the browser's current history entry (<c>NavigateTo(…, replace: true)</c>).</summary>
    public bool PendingReplace { get; private set; }

    /// <summary>Set when the browser must load another document.</summary>
    public string? PendingLocation { get; private set; }

    public void Start(string baseUri, string uri) => Initialize(baseUri, uri);

    /// <summary>
    /// The user followed an in-app link or went back/forward to <paramref name="uri"/>. Location-changing handlers
    /// (<c>NavigationLock.OnBeforeInternalNavigation</c>) may prevent it; the view then stays, and the browser is sent the
    /// address it still shows (back/forward has moved the browser's address already).
    /// </summary>
    /// <returns>False when <paramref name="uri"/> is not an address of the app.</returns>
    public async Task<bool> NavigateFromClientAsync(string uri)
    {
        var absolute = ToAbsoluteUri(uri).AbsoluteUri;
        if (!IsInApp(absolute))
        {
            return false;
        }
        if (!await NotifyLocationChangingAsync(absolute, state: null, isNavigationIntercepted: true))
        {
            PendingUrl = Uri;
            PendingReplace = true;
            return true;
        }
        Uri = absolute;
        PendingUrl = absolute;
        PendingReplace = false;
        NotifyLocationChanged(isInterceptedLink: true);
        return true;
    }

    /// <summary>The URL the view navigated to since the last update, and whether it replaces the history entry.</summary>
    public (string? Url, bool Replace) TakePendingUrl()
    {
        var pending = (PendingUrl, PendingUrl is not null && PendingReplace);
        PendingUrl = null;
        PendingReplace = false;
        return pending;
    }

    public string? TakePendingLocation()
    {
        var location = PendingLocation;
        PendingLocation = null;
        return location;
    }

    protected override void NavigateToCore(string uri, NavigationOptions options)
    {
        var absolute = ToAbsoluteUri(uri).AbsoluteUri;
        var changing = NotifyLocationChangingAsync(absolute, options.HistoryEntryState, isNavigationIntercepted: false);
        if (changing.IsCompletedSuccessfully)
        {
            // No handler waits (the common case): navigate in this same turn, so the render rides on the answer.
            Navigate(absolute, options, changing.Result);
        }
        else
        {
            _ = NavigateWhenAllowedAsync(absolute, options, changing);
        }
    }

    private async Task NavigateWhenAllowedAsync(string absolute, NavigationOptions options, ValueTask<bool> changing) =>
        Navigate(absolute, options, await changing);

    private void Navigate(string absolute, NavigationOptions options, bool allowed)
    {
        if (!allowed)
        {
            return;
        }
        if (options.ForceLoad || !IsInApp(absolute))
        {
            PendingLocation = absolute;
            return;
        }
        Uri = absolute;
        PendingUrl = absolute;
        PendingReplace = options.ReplaceHistoryEntry;
        NotifyLocationChanged(isInterceptedLink: false);
    }

    // In-app navigations always reach the server (nav messages), where the handlers run; a browser needs no lock state.
    protected override void SetNavigationLockState(bool value)
    {
    }

    private bool IsInApp(string absoluteUri) => absoluteUri.StartsWith(BaseUri, StringComparison.Ordinal);
}

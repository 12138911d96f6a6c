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

    /// <summary>The user followed an in-app link or went back/forward; the browser already shows <paramref name="uri"/>.</summary>
    public bool NavigateFromClient(string uri)
    {
        var absolute = ToAbsoluteUri(uri).AbsoluteUri;
        if (!IsInApp(absolute))
        {
            return false;
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

    protected override void SetNavigationLockState(bool value)
    {
        // Navigation locks need a round trip to the browser before every navigation; not supported yet.
    }

    private bool IsInApp(string absoluteUri) => absoluteUri.StartsWith(BaseUri, StringComparison.Ordinal);
}

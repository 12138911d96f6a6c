namespace RazorFaces.Protocol;

/// <summary>Why a client gets the whole view instead of patches (the <c>razorfaces.views.refreshes</c> metric's reason).</summary>
internal static class RefreshReasons
{
    /// <summary>The client asked: its document did not fit a patch, or it lost count.</summary>
    public const string Resync = "resync";

    /// <summary>The view was rebuilt from the session object (after passivation, or on a node that took over) and the browser's DOM differs.</summary>
    public const string Rebuilt = "rebuilt";

    /// <summary>The session no longer knew the client's view, so a fresh one replaces it.</summary>
    public const string NewView = "new-view";

    /// <summary>The element the client used is not in the rebuilt view.</summary>
    public const string StaleTarget = "stale-target";

    /// <summary>The client is further behind than the update log reaches.</summary>
    public const string HistoryGap = "history-gap";

    /// <summary>The client saw numbers a view rebuilt from an older record never sent.</summary>
    public const string ClientAhead = "client-ahead";
}

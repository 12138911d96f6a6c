namespace RazorFaces.Views;

/// <summary>How a view came to be on this node.</summary>
internal enum RebuildOutcome
{
    /// <summary>Rendered for the first time.</summary>
    Fresh,

    /// <summary>Rebuilt from its record, and its DOM equals what the browser shows: the failover is invisible.</summary>
    SameDom,

    /// <summary>Rebuilt from its record, but its DOM differs: the browser gets a full refresh of the view.</summary>
    Refreshed,
}

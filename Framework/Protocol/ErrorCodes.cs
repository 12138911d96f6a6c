namespace RazorFaces.Protocol;

/// <summary>The <c>code</c> of an error message; the HTTP status that goes with it is in docs/protocol.md.</summary>
internal static class ErrorCodes
{
    /// <summary>400: not JSON, not a known message, or a field of the wrong type.</summary>
    public const string BadMessage = "bad-message";

    /// <summary>413: the message is larger than <c>RazorFacesOptions.Transport.MaxMessageBytes</c>.</summary>
    public const string TooLarge = "too-large";

    /// <summary>415: the body of <c>POST /_rf/send</c> is not <c>application/json</c> (UTF-8).</summary>
    public const string UnsupportedMediaType = "unsupported-media-type";

    /// <summary>403: the CSRF token is missing or wrong.</summary>
    public const string BadToken = "bad-token";

    /// <summary>404: no such view in this session.</summary>
    public const string UnknownView = "unknown-view";

    /// <summary>404: no such stream on this node (it ended, failed, was fetched already, timed out, its view went, or another node's view made it).</summary>
    public const string UnknownStream = "unknown-stream";

    /// <summary>
    /// 409: the view was dropped because its session had more views than <c>RazorFacesOptions.Views.MaxPerSession</c>
    /// (the least recently used goes); the tab stops and tells the user, who may reload it.
    /// </summary>
    public const string ViewEvicted = "view-evicted";

    /// <summary>403: the view belongs to another session.</summary>
    public const string ForeignView = "foreign-view";

    /// <summary>409: the target element has no handler for the event (any more).</summary>
    public const string NoHandler = "no-handler";

    /// <summary>400: the event arguments do not fit the handler's EventArgs type.</summary>
    public const string BadEventArgs = "bad-event-args";

    /// <summary>410: the session has expired.</summary>
    public const string SessionExpired = "session-expired";

    /// <summary>503: the session store cannot be reached; nothing was changed, try again.</summary>
    public const string StoreUnavailable = "store-unavailable";

    /// <summary>503: another node is working on this session right now; try again shortly.</summary>
    public const string Busy = "busy";

    /// <summary>409: the page runs an older client script than this server's (a rolling upgrade); reload once.</summary>
    public const string ClientOutdated = "client-outdated";

    /// <summary>500: a component threw; the view was discarded.</summary>
    public const string ViewFailed = "view-failed";
}

namespace RazorFaces;

/// <summary>
/// What <see cref="SessionControl"/> and <see cref="SessionBeans"/> ask of the session the calling component's view
/// belongs to (answered per view by the state layer's bean context).
/// </summary>
internal interface ISessionRequests
{
    /// <summary>End the session once the current request is handled.</summary>
    void RequestEnd();

    /// <summary>Give the session a new id once the current request is handled.</summary>
    void RequestNewId();

    /// <summary>The bean changed (explicit change detection).</summary>
    void MarkChanged(object bean);
}

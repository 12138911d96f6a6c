using RazorFaces.State;

namespace RazorFaces.Session;

/// <summary>
/// Told when this node drops its copy of a session: another node wrote it (the copy's beans are stale), it ended,
/// expired, or can no longer be read. The live views of this node subscribe, so the session layer needs to know
/// nothing about views.
/// </summary>
internal interface ISessionObserver
{
    /// <summary><paramref name="copy"/> is the object this node held; it is no longer used.</summary>
    Task SessionDroppedAsync(SessionState copy);

    /// <summary>
    /// Whether something of this node (a live view) is built on <paramref name="copy"/>; a saved copy nobody uses is
    /// let go (<see cref="SessionManager.ReleaseUnusedAsync"/>) and read back from the store when next needed.
    /// </summary>
    bool Uses(SessionState copy);
}

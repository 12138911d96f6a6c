namespace RazorFaces;

/// <summary>
/// Injectable control over the current browser session (<c>@inject SessionControl Session</c>). Both requests take
/// effect when the event that made them has been handled, before its answer is sent.
/// </summary>
public sealed class SessionControl
{
    private readonly ISessionRequests _session;

    internal SessionControl(ISessionRequests session) => _session = session;

    /// <summary>Ends the session (logout): its end-of-session hooks run, it is removed everywhere, and the page reloads into a new session.</summary>
    public void Invalidate() => _session.RequestEnd();

    /// <summary>
    /// Gives the session a new id (after a login, against session fixation), keeping its beans and views;
    /// open pages and their long-polls carry on.
    /// </summary>
    public void RotateId() => _session.RequestNewId();
}

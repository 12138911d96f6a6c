namespace RazorFaces.State;

/// <summary>
/// Injectable control over the current browser session (<c>@inject SessionControl Session</c>). Both requests take
/// effect when the event that made them has been handled, before its answer is sent.
/// </summary>
public sealed class SessionControl
{
    private readonly BeanContext _context;

    internal SessionControl(BeanContext context) => _context = context;

    /// <summary>Ends the session (logout): its end-of-session hooks run, it is removed everywhere, and the page reloads into a new session.</summary>
    public void Invalidate() => Session.EndRequested = true;

    /// <summary>
    /// Gives the session a new id (after a login, against session fixation), keeping its beans and views;
    /// open pages and their long-polls carry on.
    /// </summary>
    public void RotateId() => Session.RotateRequested = true;

    private SessionState Session => _context.Session
        ?? throw new InvalidOperationException("SessionControl can only be used by components of a RazorFaces view.");
}

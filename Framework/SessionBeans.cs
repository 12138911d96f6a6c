namespace RazorFaces;

/// <summary>
/// Injectable handle on the current session's beans, for <see cref="ChangeDetection.Explicit"/> mode:
/// <c>@inject SessionBeans Beans</c> … <c>Beans.MarkChanged(cart)</c>.
/// </summary>
public sealed class SessionBeans
{
    private readonly ISessionRequests _session;

    internal SessionBeans(ISessionRequests session) => _session = session;

    /// <summary>Marks a session- or view-scoped bean as changed, so the next save writes it.</summary>
    public void MarkChanged(object bean) => _session.MarkChanged(bean);
}

namespace RazorFaces.State;

/// <summary>
/// Injectable handle on the current session's beans, for <see cref="ChangeDetection.Explicit"/> mode:
/// <c>@inject SessionBeans Beans</c> … <c>Beans.MarkChanged(cart)</c>.
/// </summary>
public sealed class SessionBeans
{
    private readonly BeanContext _context;

    internal SessionBeans(BeanContext context) => _context = context;

    /// <summary>Marks a session- or view-scoped bean as changed, so the next save writes it.</summary>
    public void MarkChanged(object bean) => _context.MarkChanged(bean);
}

namespace RazorFaces.State;

/// <summary>
/// Per view (a scoped service): where the view's components get their backing beans from — the session
/// object for session beans, the view itself for view beans.
/// </summary>
internal sealed class BeanContext(ISessionSerializer serializer) : ISessionRequests
{
    private readonly Dictionary<string, object> _viewBeans = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, StateValue>? _restoredViewBeans;

    /// <summary>The session object this view belongs to; set when the view is created or rebuilt.</summary>
    public SessionState? Session { get; private set; }

    public void Attach(SessionState session, IReadOnlyDictionary<string, StateValue>? restoredViewBeans)
    {
        Session = session;
        _restoredViewBeans = restoredViewBeans;
    }

    public object Get(BeanDescriptor descriptor)
    {
        var session = Session ?? throw new InvalidOperationException(
            $"The bean {descriptor.Type.Name} can only be injected into components of a RazorFaces view.");
        if (descriptor.Scope == BeanScope.Session)
        {
            return session.GetBean(descriptor, serializer);
        }
        if (!_viewBeans.TryGetValue(descriptor.Key, out var bean))
        {
            bean = _restoredViewBeans is not null && _restoredViewBeans.TryGetValue(descriptor.Key, out var saved)
                ? serializer.Deserialize(saved, descriptor.Type) ?? Activator.CreateInstance(descriptor.Type)!
                : Activator.CreateInstance(descriptor.Type)!;
            _viewBeans[descriptor.Key] = bean;
        }
        return bean;
    }

    /// <summary>The view beans as they are now, for the view record.</summary>
    public IReadOnlyDictionary<string, StateValue> CaptureViewBeans()
    {
        if (_viewBeans.Count == 0 && (_restoredViewBeans is null || _restoredViewBeans.Count == 0))
        {
            return ViewRecord.NoBeans;
        }
        var captured = new Dictionary<string, StateValue>(StringComparer.Ordinal);
        foreach (var (key, bean) in _viewBeans)
        {
            captured[key] = new StateValue(serializer.Format, serializer.Serialize(bean, bean.GetType()));
        }
        // Beans the view has not touched since it was rebuilt keep their saved state.
        if (_restoredViewBeans is not null)
        {
            foreach (var (key, saved) in _restoredViewBeans)
            {
                captured.TryAdd(key, saved);
            }
        }
        return captured;
    }

    public void MarkChanged(object bean) => Session?.MarkChanged(bean);

    public void RequestEnd() => CurrentSession.EndRequested = true;

    public void RequestNewId() => CurrentSession.RotateRequested = true;

    private SessionState CurrentSession => Session
        ?? throw new InvalidOperationException("SessionControl can only be used by components of a RazorFaces view.");
}

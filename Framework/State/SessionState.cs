namespace RazorFaces.State;

/// <summary>
/// The one serializable session object of a browser session: metadata, backing beans and a record per view.
/// A node holds it in memory between requests and writes what a request changed to the session store
/// before answering (the session layer encodes it for the store).
/// </summary>
internal sealed class SessionState
{
    public const int CurrentFormat = 1;

    private static readonly Dictionary<string, byte[]> EmptyFields = new(StringComparer.Ordinal);

    private Dictionary<string, byte[]>? _unknown;
    private HashSet<string>? _removed;
    private List<string>? _evicted;

    public SessionState(SessionMeta meta) => Meta = meta;

    /// <summary>A new, empty session object.</summary>
    public static SessionState New(string id, DateTimeOffset now, TimeSpan maxInactive) => new(new SessionMeta
    {
        Id = id,
        CsrfToken = RandomIds.New() + RandomIds.New(),
        Created = now,
        LastAccess = now,
        MaxInactive = maxInactive,
    });

    public SessionMeta Meta { get; }

    /// <summary>
    /// <paramref name="user"/> signed in: the session is theirs from now on, under a new id and CSRF token (so an id
    /// or token anybody saw before the sign-in is worth nothing), with its beans kept.
    /// </summary>
    public void SignIn(string user)
    {
        Meta.User = user;
        Meta.CsrfToken = RandomIds.New() + RandomIds.New();
        RotateRequested = true;
    }

    public string Id => Meta.Id;

    /// <summary>The store version this state was read or last written at.</summary>
    public long Version { get; set; }

    public Dictionary<string, BeanSlot> Beans { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ViewRecord> Views { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A digest of the bytes last read or written per field: what change detection compares against. A digest,
    /// not the bytes, so a session held in memory does not also hold a second copy of everything it stored.
    /// </summary>
    public FieldDigests Written { get; } = new();

    /// <summary>Stored fields this version does not know (beans of another build): kept, and written back unchanged.</summary>
    /// <remarks>Created on first use: almost every session has none, and a node holds thousands of sessions.</remarks>
    public Dictionary<string, byte[]> Unknown => _unknown ??= new(StringComparer.Ordinal);

    /// <summary><see cref="Unknown"/> without creating it.</summary>
    public IReadOnlyDictionary<string, byte[]> UnknownOrEmpty => _unknown ?? EmptyFields;

    /// <summary>The application asked to end the session (<see cref="SessionControl.Invalidate"/>).</summary>
    public bool EndRequested { get; set; }

    /// <summary>The application asked for a new session id (<see cref="SessionControl.RotateId"/>).</summary>
    public bool RotateRequested { get; set; }

    /// <summary>Fields to delete at the next save (created on first use, like <see cref="Unknown"/>).</summary>
    public HashSet<string> Removed => _removed ??= new(StringComparer.Ordinal);

    /// <summary>Whether a save has fields to delete, without creating <see cref="Removed"/>.</summary>
    public bool HasRemoved => _removed is { Count: > 0 };

    public bool IsExpired(DateTimeOffset now) => Meta.LastAccess + Meta.MaxInactive <= now;

    /// <summary>The live bean, deserialized from its stored bytes or created on first use.</summary>
    public object GetBean(BeanDescriptor descriptor, ISessionSerializer serializer)
    {
        if (!Beans.TryGetValue(descriptor.Key, out var slot))
        {
            slot = new BeanSlot(descriptor);
            Beans[descriptor.Key] = slot;
        }
        if (slot.Instance is null)
        {
            slot.Instance = slot.Stored is { } stored
                ? serializer.DeserializeField(stored, descriptor.Type) ?? Activator.CreateInstance(descriptor.Type)!
                : Activator.CreateInstance(descriptor.Type)!;
            slot.Stored = null;
        }
        return slot.Instance;
    }

    public void MarkChanged(object bean)
    {
        foreach (var slot in Beans.Values)
        {
            if (ReferenceEquals(slot.Instance, bean))
            {
                slot.Dirty = true;
            }
        }
    }

    public void SetView(string viewId, ViewRecord record)
    {
        Views[viewId] = record;
        _removed?.Remove(SessionFields.ViewField(viewId));
    }

    public void RemoveView(string viewId)
    {
        if (Views.Remove(viewId))
        {
            Removed.Add(SessionFields.ViewField(viewId));
        }
    }

    /// <summary>
    /// Views dropped because the session had too many (stored as <see cref="SessionFields.EvictedField"/>, oldest
    /// first). A tab still showing one is told so, once, instead of getting a fresh view that would push out another
    /// tab's — which with more tabs than the cap would go round for ever.
    /// </summary>
    public IReadOnlyList<string> Evicted => _evicted ?? [];

    /// <summary>Replaces <see cref="Evicted"/> with what the store holds.</summary>
    public void SetEvicted(IEnumerable<string> viewIds) => _evicted = [.. viewIds];

    public bool WasEvicted(string viewId) => _evicted?.Contains(viewId, StringComparer.Ordinal) == true;

    /// <summary>Drops a view for the cap and remembers it in <see cref="Evicted"/>, keeping the last <paramref name="remember"/> ids.</summary>
    public void EvictView(string viewId, int remember)
    {
        RemoveView(viewId);
        _evicted ??= [];
        _evicted.Remove(viewId);
        _evicted.Add(viewId);
        if (_evicted.Count > remember)
        {
            _evicted.RemoveRange(0, _evicted.Count - remember);
        }
    }

    /// <summary>
    /// Views beyond <paramref name="cap"/>, least recently used first: the ones to drop. <paramref name="lastUse"/>
    /// gives a view's last use as far as this node knows (a tab polling or watching its view uses it, though that
    /// is not written to the record).
    /// </summary>
    public List<string> ViewsBeyond(int cap, Func<string, ViewRecord, DateTimeOffset> lastUse) =>
        Views.Count <= cap
            ? []
            : [.. Views.OrderBy(v => lastUse(v.Key, v.Value)).ThenBy(v => v.Value.LastAccess).Take(Views.Count - cap).Select(v => v.Key)];
}

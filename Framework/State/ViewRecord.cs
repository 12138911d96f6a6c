using System.Collections.Frozen;

namespace RazorFaces.State;

/// <summary>
/// Everything needed to rebuild one view on any node: where it is, its number, the last event it applied,
/// its components' saved state (by stable component path), its view-scoped beans and a hash of the DOM the
/// browser was last sent. Stored as one field of the session object.
/// </summary>
internal sealed class ViewRecord
{
    public string Url { get; set; } = string.Empty;

    public int Number { get; set; }

    public long LastEventId { get; set; }

    public string DomHash { get; set; } = string.Empty;

    public DateTimeOffset LastAccess { get; set; }

    /// <summary>Each component's saved state (a map of member name → value), by component path.</summary>
    public Dictionary<string, StateValue> Components { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The view-scoped beans; most views have none, and then share one empty instance.</summary>
    public IReadOnlyDictionary<string, StateValue> Beans { get; set; } = NoBeans;

    /// <summary>The push groups the view belongs to, so a view rebuilt on another node still gets the pushes.</summary>
    public IReadOnlyList<string> Groups { get; set; } = [];

    /// <summary>Shared by every record without view beans: a node holds a record per view of every session it serves.</summary>
    public static IReadOnlyDictionary<string, StateValue> NoBeans { get; } = FrozenDictionary<string, StateValue>.Empty;
}

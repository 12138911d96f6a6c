using System.Text.Json.Serialization;

namespace RazorFaces.State;

/// <summary>
/// One value inside a view record (a component's saved state, a view bean), kept as the bytes its serializer wrote
/// and tagged with their format: a record read from JSON keeps its values readable after the node writes the
/// record as MessagePack (and back), until the view captures them afresh.
/// </summary>
[JsonConverter(typeof(StateValueJsonConverter))]
internal sealed class StateValue(SessionFormat format, byte[] bytes)
{
    public SessionFormat Format { get; } = format;

    /// <summary>The encoded value; never changed after construction.</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>The value as JSON text (for messages, tests and the operator's dump).</summary>
    public override string ToString() => StoredFormats.ToJson(Bytes, Format);
}

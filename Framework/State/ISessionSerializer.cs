namespace RazorFaces.State;

/// <summary>
/// Turns the parts of the session object (beans, component state, view records) into bytes and back.
/// The default is <see cref="JsonSessionSerializer"/>; the stored format is JSON, pinned by snapshot tests.
/// </summary>
/// <remarks>
/// Implementations must write JSON: saved component state composes the values of several members into one JSON
/// object. Output must be deterministic (same value, same bytes), because change detection hashes it, and failures
/// must surface as <see cref="SessionStateException"/>.
/// </remarks>
internal interface ISessionSerializer
{
    /// <summary>The bytes of <paramref name="value"/> as type <paramref name="type"/>.</summary>
    byte[] Serialize(object? value, Type type);

    /// <summary>A value of type <paramref name="type"/> from bytes written by <see cref="Serialize"/>.</summary>
    /// <exception cref="SessionStateException">The bytes do not fit the type.</exception>
    object? Deserialize(ReadOnlySpan<byte> data, Type type);
}

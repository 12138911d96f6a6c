namespace RazorFaces.State;

/// <summary>
/// Turns the parts of the session object (beans, component state, view records) into bytes of one
/// <see cref="SessionFormat"/> and back. The default is <see cref="MessagePackSessionSerializer"/>;
/// <see cref="JsonSessionSerializer"/> is the other. Both follow one contract (which members, under which names),
/// and the stored bytes of each are pinned by snapshot tests.
/// </summary>
/// <remarks>
/// Output must be deterministic (same value, same bytes), because change detection hashes it, and failures must
/// surface as <see cref="SessionStateException"/>. Bytes of the other format are read through
/// <see cref="StoredFormats"/>, never by this interface.
/// </remarks>
internal interface ISessionSerializer
{
    /// <summary>The format this serializer writes and reads.</summary>
    SessionFormat Format { get; }

    /// <summary>The bytes of <paramref name="value"/> as type <paramref name="type"/>.</summary>
    byte[] Serialize(object? value, Type type);

    /// <summary>A value of type <paramref name="type"/> from bytes written by <see cref="Serialize"/>.</summary>
    /// <exception cref="SessionStateException">The bytes do not fit the type.</exception>
    object? Deserialize(ReadOnlySpan<byte> data, Type type);
}

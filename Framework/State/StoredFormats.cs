using System.Text;

namespace RazorFaces.State;

/// <summary>
/// Which <see cref="SessionFormat"/> stored bytes are in, and the serializer that reads them: a node reads both
/// formats whatever it writes, so sessions survive an upgrade from a JSON build and a change of the option.
/// </summary>
internal static class StoredFormats
{
    /// <summary>
    /// The format of a stored field (meta, a bean, a view record, a list of ids). Such a field is always an object,
    /// an array or null: JSON starts with <c>{</c>, <c>[</c> or <c>n</c> (or whitespace), MessagePack with a map or
    /// array header (0x80–0x9f, 0xdc–0xdf) or nil (0xc0). The bytes JSON can start with are positive integers in
    /// MessagePack, which a field never is, so the first byte decides without a separate marker.
    /// </summary>
    public static SessionFormat Detect(ReadOnlySpan<byte> field) =>
        field.IsEmpty || field[0] is (byte)'{' or (byte)'[' or (byte)'n' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'
            ? SessionFormat.Json
            : SessionFormat.MessagePack;

    /// <summary>The serializer for bytes in <paramref name="format"/>: <paramref name="writer"/> itself when it writes that format.</summary>
    public static ISessionSerializer ReaderFor(this ISessionSerializer writer, SessionFormat format) =>
        writer.Format == format ? writer
        : format == SessionFormat.Json ? JsonSessionSerializer.Instance
        : MessagePackSessionSerializer.Instance;

    /// <summary>Reads a stored field in whichever format it was written.</summary>
    /// <exception cref="SessionStateException">The bytes do not fit the type.</exception>
    public static object? DeserializeField(this ISessionSerializer writer, ReadOnlySpan<byte> field, Type type) =>
        writer.ReaderFor(Detect(field)).Deserialize(field, type);

    /// <summary>Reads a value of a view record with the serializer of its format.</summary>
    public static object? Deserialize(this ISessionSerializer writer, StateValue value, Type type) =>
        writer.ReaderFor(value.Format).Deserialize(value.Bytes, type);

    /// <summary>Bytes of <paramref name="format"/> as compact JSON text, for people: error messages, snapshot dumps, operators.</summary>
    public static string ToJson(ReadOnlySpan<byte> bytes, SessionFormat format) =>
        format == SessionFormat.Json ? Encoding.UTF8.GetString(bytes) : MessagePackSessionSerializer.ToJson(bytes);
}

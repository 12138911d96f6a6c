using MessagePack;
using MessagePack.Resolvers;

namespace RazorFaces.State;

/// <summary>
/// The default <see cref="ISessionSerializer"/> (<see cref="SessionFormat.MessagePack"/>): the JSON contract's
/// members and names, encoded as MessagePack string-keyed maps. See docs/design.md, "The stored format".
/// </summary>
/// <remarks>
/// <para>Objects go through <see cref="SessionObjectResolver"/> (the members System.Text.Json would store, in the
/// same order, under the same camelCase names), so a bean stores the same data in either format and reads
/// tolerantly: unknown keys are skipped, missing ones keep the constructor's value. Everything else is
/// MessagePack's own: numbers, strings, collections, Guid and decimal (as text), DateTimeOffset, enums by name
/// (renumbering an enum must not change stored meaning, as with JSON), DateTime as its 64-bit binary form (the
/// standard timestamp turns a local or unspecified time into UTC, which a JSON round trip does not).</para>
/// <para>The store is the framework's own, so the data is trusted: no collision-resistant dictionary comparers
/// (they would change the comparer of every dictionary a bean reads back), but the same 64-level depth limit as
/// JSON, which also stops reference loops when writing.</para>
/// </remarks>
internal sealed class MessagePackSessionSerializer : ISessionSerializer
{
    public const int MaxDepth = 64;

    public static MessagePackSessionSerializer Instance { get; } = new();

    /// <summary>The fixed options. Exposed inside the framework so the validator asks the same resolver.</summary>
    internal static MessagePackSerializerOptions Options { get; } = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create(
            [StateValueFormatter.Instance],
            [
                NativeDateTimeResolver.Instance,
                BuiltinResolver.Instance,
                DynamicEnumAsStringResolver.Instance,
                DynamicGenericResolver.Instance,
                SessionObjectResolver.Instance,
            ]))
        .WithSecurity(MessagePackSecurity.TrustedData.WithMaximumObjectGraphDepth(MaxDepth));

    /// <inheritdoc />
    public SessionFormat Format => SessionFormat.MessagePack;

    /// <inheritdoc />
    public byte[] Serialize(object? value, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            return MessagePackSerializer.Serialize(type, value, Options);
        }
        catch (MessagePackSerializationException e)
        {
            throw Wrap(e, type, "cannot be written to the session");
        }
    }

    /// <inheritdoc />
    public object? Deserialize(ReadOnlySpan<byte> data, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            return MessagePackSerializer.Deserialize(type, data.ToArray(), Options);
        }
        catch (MessagePackSerializationException e)
        {
            throw Wrap(e, type, "cannot be read from the session");
        }
    }

    /// <summary>MessagePack bytes as compact JSON text, for people (keys and values as stored).</summary>
    public static string ToJson(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return MessagePackJson.Convert(bytes.ToArray());
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return $"(not readable as MessagePack: {e.Message})";
        }
    }

    private static SessionStateException Wrap(MessagePackSerializationException e, Type type, string what)
    {
        // MessagePack wraps every failure in "Failed to serialize …"; the member path, if any, is further down.
        Exception? cursor = e;
        while (cursor is not null and not MemberPathException)
        {
            cursor = cursor.InnerException;
        }
        string? path = null;
        string reason;
        if (cursor is MemberPathException member)
        {
            path = member.IsDepthLimit ? JsonSessionSerializer.LoopOf(member.Path) : member.Path;
            reason = member.IsDepthLimit
                ? $"it contains a reference loop (or nests deeper than {MaxDepth} levels); the session stores trees, not graphs"
                : member.Message;
        }
        else
        {
            reason = (e.InnerException ?? e).Message;
        }
        var at = path is null ? "" : $" at {path}";
        return new SessionStateException($"{TypeNames.Of(type)} {what}{at}: {reason}", e);
    }
}

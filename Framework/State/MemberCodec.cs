using MessagePack;
using MessagePack.Formatters;

namespace RazorFaces.State;

/// <summary>Writes and reads one member's value with the formatter of its declared type, behind a non-generic face.</summary>
internal abstract class MemberCodec
{
    public abstract void Write(ref MessagePackWriter writer, object? value, MessagePackSerializerOptions options);

    public abstract object? Read(ref MessagePackReader reader, MessagePackSerializerOptions options);

    public static MemberCodec For(Type type) => (MemberCodec)Activator.CreateInstance(typeof(MemberCodec<>).MakeGenericType(type))!;
}

/// <summary>The <see cref="MemberCodec"/> of values of type <typeparamref name="TValue"/>.</summary>
internal sealed class MemberCodec<TValue> : MemberCodec
{
    // The formatter of the last resolver asked (in practice there is one): a field read instead of a lookup per
    // value. One immutable object, so a thread never sees one resolver paired with another's formatter.
    private Cached? _last;

    public override void Write(ref MessagePackWriter writer, object? value, MessagePackSerializerOptions options) =>
        Formatter(options).Serialize(ref writer, (TValue)value!, options);

    public override object? Read(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        Formatter(options).Deserialize(ref reader, options);

    private IMessagePackFormatter<TValue> Formatter(MessagePackSerializerOptions options)
    {
        if (_last is { } last && ReferenceEquals(last.Resolver, options.Resolver))
        {
            return last.Formatter;
        }
        var formatter = options.Resolver.GetFormatterWithVerify<TValue>();
        _last = new Cached(options.Resolver, formatter);
        return formatter;
    }

    private sealed record Cached(IFormatterResolver Resolver, IMessagePackFormatter<TValue> Formatter);
}

using MessagePack;

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
    public override void Write(ref MessagePackWriter writer, object? value, MessagePackSerializerOptions options) =>
        options.Resolver.GetFormatterWithVerify<TValue>().Serialize(ref writer, (TValue)value!, options);

    public override object? Read(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        options.Resolver.GetFormatterWithVerify<TValue>().Deserialize(ref reader, options);
}

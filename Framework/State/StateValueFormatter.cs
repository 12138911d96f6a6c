using System.Buffers;
using MessagePack;
using MessagePack.Formatters;

namespace RazorFaces.State;

/// <summary>
/// Writes a MessagePack <see cref="StateValue"/> inline (it is already MessagePack) and a JSON one as an extension
/// value holding the JSON text, so a record read from an older JSON build can be written back without knowing the
/// types of its values.
/// </summary>
internal sealed class StateValueFormatter : IMessagePackFormatter<StateValue?>
{
    /// <summary>The extension type code of a JSON text inside MessagePack (application codes are 0–127).</summary>
    public const sbyte JsonTextExtension = 74; // 'J'

    public static StateValueFormatter Instance { get; } = new();

    public void Serialize(ref MessagePackWriter writer, StateValue? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
        }
        else if (value.Format == SessionFormat.MessagePack)
        {
            writer.WriteRaw(value.Bytes);
        }
        else
        {
            writer.WriteExtensionFormat(new ExtensionResult(JsonTextExtension, value.Bytes));
        }
    }

    public StateValue? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }
        if (reader.NextMessagePackType == MessagePackType.Extension)
        {
            var peek = reader.CreatePeekReader();
            if (peek.ReadExtensionFormatHeader().TypeCode == JsonTextExtension)
            {
                var extension = reader.ReadExtensionFormat();
                return new StateValue(SessionFormat.Json, extension.Data.ToArray());
            }
        }
        return new StateValue(SessionFormat.MessagePack, reader.ReadRaw().ToArray());
    }
}

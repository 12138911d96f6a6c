using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MessagePack;

namespace RazorFaces.State;

/// <summary>
/// MessagePack bytes as compact JSON text, for people. Unlike MessagePack's own <c>ConvertToJson</c> it shows a JSON
/// value kept inside a MessagePack record (<see cref="StateValueFormatter.JsonTextExtension"/>) as that JSON, not as
/// base64, so a session half-way from JSON to MessagePack reads as one document.
/// </summary>
internal static class MessagePackJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <remarks>Throws MessagePack's serialization exception when the bytes are not MessagePack.</remarks>
    public static string Convert(ReadOnlyMemory<byte> bytes)
    {
        var buffer = new ArrayBufferWriter<byte>(bytes.Length * 2 + 16);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            var reader = new MessagePackReader(bytes);
            Write(ref reader, writer, depth: 0);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(ref MessagePackReader reader, Utf8JsonWriter writer, int depth)
    {
        if (depth > MessagePackSessionSerializer.MaxDepth)
        {
            throw new MessagePackSerializationException($"Nested deeper than {MessagePackSessionSerializer.MaxDepth} levels.");
        }
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                writer.WriteNullValue();
                break;
            case MessagePackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Integer:
                // uint 8–64 (0xcc–0xcf) can exceed long; every other integer code fits it.
                if (reader.NextCode is >= MessagePackCode.UInt8 and <= MessagePackCode.UInt64)
                {
                    writer.WriteNumberValue(reader.ReadUInt64());
                }
                else
                {
                    writer.WriteNumberValue(reader.ReadInt64());
                }
                break;
            case MessagePackType.Float:
                writer.WriteNumberValue(reader.ReadDouble());
                break;
            case MessagePackType.String:
                writer.WriteStringValue(reader.ReadString());
                break;
            case MessagePackType.Binary:
                writer.WriteBase64StringValue(reader.ReadBytes()!.Value.ToArray());
                break;
            case MessagePackType.Array:
                writer.WriteStartArray();
                for (var count = reader.ReadArrayHeader(); count > 0; count--)
                {
                    Write(ref reader, writer, depth + 1);
                }
                writer.WriteEndArray();
                break;
            case MessagePackType.Map:
                writer.WriteStartObject();
                for (var count = reader.ReadMapHeader(); count > 0; count--)
                {
                    writer.WritePropertyName(Key(ref reader));
                    Write(ref reader, writer, depth + 1);
                }
                writer.WriteEndObject();
                break;
            case MessagePackType.Extension:
                WriteExtension(ref reader, writer);
                break;
            default:
                throw new MessagePackSerializationException($"Unexpected MessagePack code 0x{reader.NextCode:x2}.");
        }
    }

    private static void WriteExtension(ref MessagePackReader reader, Utf8JsonWriter writer)
    {
        var peek = reader.CreatePeekReader();
        var header = peek.ReadExtensionFormatHeader();
        if (header.TypeCode == ReservedMessagePackExtensionTypeCode.DateTime)
        {
            writer.WriteStringValue(reader.ReadDateTime().ToString("O", CultureInfo.InvariantCulture));
            return;
        }
        var extension = reader.ReadExtensionFormat();
        if (extension.TypeCode == StateValueFormatter.JsonTextExtension)
        {
            writer.WriteRawValue(extension.Data.ToArray(), skipInputValidation: false);
            return;
        }
        writer.WriteStartArray();
        writer.WriteNumberValue(extension.TypeCode);
        writer.WriteBase64StringValue(extension.Data.ToArray());
        writer.WriteEndArray();
    }

    private static string Key(ref MessagePackReader reader) => reader.NextMessagePackType switch
    {
        MessagePackType.String => reader.ReadString() ?? "",
        MessagePackType.Integer => reader.ReadInt64().ToString(CultureInfo.InvariantCulture),
        _ => throw new MessagePackSerializationException($"A map key of type {reader.NextMessagePackType} has no JSON form."),
    };
}

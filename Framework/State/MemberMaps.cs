using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using MessagePack;

namespace RazorFaces.State;

/// <summary>
/// A component's saved state as one map of member name → value, each value already encoded by the serializer, in
/// the serializer's format: a JSON object or a MessagePack map.
/// </summary>
internal static class MemberMaps
{
    public static byte[] Compose(SessionFormat format, IReadOnlyList<(string Name, byte[] Value)> members)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        if (format == SessionFormat.Json)
        {
            using var writer = new Utf8JsonWriter(buffer);
            writer.WriteStartObject();
            foreach (var (name, value) in members)
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(value, skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        else
        {
            var writer = new MessagePackWriter(buffer);
            writer.WriteMapHeader(members.Count);
            foreach (var (name, value) in members)
            {
                writer.Write(name);
                writer.WriteRaw(value);
            }
            writer.Flush();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="SessionStateException">The value is not a map of names.</exception>
    public static List<(string Name, byte[] Value)> Split(StateValue map, string owner)
    {
        var members = new List<(string, byte[])>();
        try
        {
            if (map.Format == SessionFormat.Json)
            {
                using var document = JsonDocument.Parse(map.Bytes);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new SessionStateException($"Saved state of {owner} must be a JSON object, not {document.RootElement.ValueKind}.");
                }
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    members.Add((property.Name, JsonMarshal.GetRawUtf8Value(property.Value).ToArray()));
                }
                return members;
            }
            var reader = new MessagePackReader(map.Bytes);
            if (reader.NextMessagePackType != MessagePackType.Map)
            {
                throw new SessionStateException($"Saved state of {owner} must be a MessagePack map, not {reader.NextMessagePackType}.");
            }
            var count = reader.ReadMapHeader();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString() ?? throw new SessionStateException($"Saved state of {owner} has a nil member name.");
                members.Add((name, reader.ReadRaw().ToArray()));
            }
            return members;
        }
        catch (Exception e) when (e is JsonException or MessagePackSerializationException or EndOfStreamException)
        {
            throw new SessionStateException($"Saved state of {owner} cannot be read: {e.Message}", e);
        }
    }
}

using System.Text.Json.Serialization.Metadata;
using MessagePack;
using MessagePack.Formatters;

namespace RazorFaces.State;

/// <summary>
/// Formatters for beans and the types inside them, built from <see cref="JsonSessionSerializer"/>'s type metadata:
/// a type System.Text.Json stores as an object is stored as a MessagePack map of the same members.
/// </summary>
/// <remarks>
/// Why not MessagePack's contractless resolver, made for classes without attributes: it reads back only public
/// setters (a <c>{ get; private set; }</c> bean would lose its value at the first failover) or, in its
/// AllowPrivate form, stores private fields too (caches, injected services); it does not fill get-only
/// collections; and it keys by C# name where JSON keys by camelCase name. One contract for both formats keeps a
/// bean's stored data the same whichever the option says, and keeps one validator.
/// </remarks>
internal sealed class SessionObjectResolver : IFormatterResolver
{
    public static SessionObjectResolver Instance { get; } = new();

    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    /// <summary>Why MessagePack cannot store <paramref name="info"/>'s objects as JSON does, or null when it can.</summary>
    public static string? Unsupported(JsonTypeInfo info)
    {
        if (info.PolymorphismOptions is not null)
        {
            return $"{TypeNames.Of(info.Type)} is polymorphic ([JsonDerivedType]), which the MessagePack format does not store; use a concrete type or SessionFormat.Json.";
        }
        return null;
    }

    /// <summary>Why MessagePack cannot store the member as JSON does, or null when it can.</summary>
    public static string? Unsupported(JsonPropertyInfo property)
    {
        if (property.CustomConverter is not null)
        {
            return $"it has a [JsonConverter] ({TypeNames.Of(property.CustomConverter.GetType())}), which the MessagePack format does not use; store a plain type or use SessionFormat.Json.";
        }
        if (property.IsExtensionData)
        {
            return "[JsonExtensionData] is not stored by the MessagePack format; use a dictionary property or SessionFormat.Json.";
        }
        return null;
    }

    private static IMessagePackFormatter<T>? Create<T>()
    {
        var type = typeof(T);
        if (type.IsPrimitive || type.IsEnum || type.IsArray || type == typeof(string) || type.IsPointer || type.ContainsGenericParameters)
        {
            return null;
        }
        JsonTypeInfo info;
        try
        {
            info = JsonSessionSerializer.Options.GetTypeInfo(type);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            // JSON cannot describe it either; the validator reports that with JSON's own message.
            return null;
        }
        // Kind None means a converter writes it (a number, a date, a custom converter): not an object of members.
        return info.Kind == JsonTypeInfoKind.Object ? new SessionObjectFormatter<T>(info) : null;
    }

    // One formatter per type, built once: MessagePack's own resolvers cache the same way.
    private static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter = Create<T>();
    }
}

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MessagePack;

namespace RazorFaces.State;

/// <summary>
/// Checks at app start that bean types and component state types can move between nodes: walks every member the
/// serializer would write (element types, dictionary values, derived types) and fails with the root type, the
/// member path and the reason, e.g. <c>CartBean.Items[].Supplier: HttpClient cannot be stored in the session: it
/// holds a network connection.</c> Failing at start beats losing the state on the day a node dies.
/// </summary>
/// <remarks>
/// The walk follows the JSON contract, which both formats share (<see cref="SessionObjectResolver"/>); with the
/// MessagePack serializer it also asks MessagePack for a formatter of every type on the way, so a type only JSON
/// can store (a [JsonConverter] member, Int128, a polymorphic base) fails here, naming the member.
/// </remarks>
internal static partial class StateTypeValidator
{
    /// <summary>Validates a bean (or any stored) type.</summary>
    /// <param name="type">The type stored in the session.</param>
    /// <param name="role">What the type is, for the message: "session bean", "view bean".</param>
    /// <param name="serializer">The format to check for and the round trip of default instances;
    /// <see cref="MessagePackSessionSerializer"/> (the default format) when null.</param>
    /// <exception cref="SessionStateException">The type (or a type reachable from it) cannot be stored.</exception>
    public static void Validate(Type type, string role, ISessionSerializer? serializer = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        var walk = new Walk(role, TypeNames.Of(type), serializer ?? MessagePackSessionSerializer.Instance);
        walk.Visit(type, TypeNames.Of(type), isRoot: true);
    }

    /// <summary>
    /// Validates the saved-state members of a component type: each must be restorable (no readonly fields, no
    /// get-only properties) and its type must be storable. A component without state members passes.
    /// </summary>
    /// <exception cref="SessionStateException">A state member cannot be saved or restored.</exception>
    public static void ValidateComponent(Type componentType, ISessionSerializer? serializer = null)
    {
        ArgumentNullException.ThrowIfNull(componentType);
        if (ComponentStateAccessor.For(componentType) is not { } accessor)
        {
            return;
        }
        var componentName = TypeNames.Of(componentType);
        foreach (var member in accessor.Members)
        {
            var walk = new Walk("component state", componentName, serializer ?? MessagePackSessionSerializer.Instance);
            walk.Visit(member.Type, $"{componentName}.{member.Name}", isRoot: false);
        }
    }

    private sealed class Walk(string role, string rootName, ISessionSerializer serializer)
    {
        // Types already entered: protects against recursive types (a Node with a List<Node>) and repeated work.
        private readonly HashSet<Type> seen = [];

        public void Visit(Type type, string path, bool isRoot)
        {
            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                type = underlying;
            }
            if (ForbiddenReason(type, isRoot) is { } reason)
            {
                var sentence = $"{TypeNames.Of(type)} cannot be stored in the session: {reason}.";
                throw isRoot ? new SessionStateException($"{sentence} (checking {role} {rootName})") : Fail(path, sentence);
            }
            if (!seen.Add(type))
            {
                return;
            }
            JsonTypeInfo info;
            try
            {
                info = JsonSessionSerializer.Options.GetTypeInfo(type);
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
            {
                throw Fail(path, $"{TypeNames.Of(type)} cannot be serialized: {e.Message}");
            }
            if (serializer.Format == SessionFormat.MessagePack)
            {
                CheckMessagePack(type, info, path);
            }
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Enumerable:
                    Visit(info.ElementType!, path + "[]", isRoot: false);
                    break;
                case JsonTypeInfoKind.Dictionary:
                    CheckKey(info.KeyType!, path);
                    Visit(info.ElementType!, path + "[]", isRoot: false);
                    break;
                case JsonTypeInfoKind.Object:
                    VisitObject(type, info, path);
                    break;
                default:
                    // A converter writes it (string, number, date, enum, a custom converter): nothing to walk except
                    // generic arguments such as KeyValuePair<K, V>'s.
                    if (type.IsGenericType)
                    {
                        foreach (var argument in type.GetGenericArguments())
                        {
                            Visit(argument, $"{path}<{TypeNames.Of(argument)}>", isRoot: false);
                        }
                    }
                    break;
            }
        }

        private void VisitObject(Type type, JsonTypeInfo info, string path)
        {
            if (info.PolymorphismOptions is { } polymorphism)
            {
                foreach (var derived in polymorphism.DerivedTypes)
                {
                    Visit(derived.DerivedType, $"{path}({TypeNames.Of(derived.DerivedType)})", isRoot: false);
                }
            }
            if (type.IsAbstract || type.IsInterface)
            {
                if (info.PolymorphismOptions is null)
                {
                    throw Fail(path, $"{TypeNames.Of(type)} cannot be read back: it is abstract and the stored JSON " +
                        "does not say which concrete type to create; use a concrete type or [JsonDerivedType].");
                }
                return;
            }
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public))
            {
                if (!field.IsDefined(typeof(JsonIncludeAttribute)) && !field.IsDefined(typeof(JsonIgnoreAttribute)))
                {
                    throw Fail($"{path}.{field.Name}", "a public field is not stored (only properties are); " +
                        "make it a property or mark it [JsonInclude].");
                }
            }
            foreach (var property in info.Properties)
            {
                var name = (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;
                Visit(property.PropertyType, $"{path}.{name}", isRoot: false);
            }
            CheckDefaultInstance(type, path);
        }

        private void CheckDefaultInstance(Type type, string path)
        {
            object? instance;
            if (type.IsValueType || type.GetConstructor(Type.EmptyTypes) is not null)
            {
                try
                {
                    instance = Activator.CreateInstance(type);
                }
                catch (TargetInvocationException)
                {
                    // The type's own constructor needs something we cannot give it here; reading still works
                    // because the serializer does not need this instance. Nothing to judge.
                    return;
                }
            }
            else
            {
                try
                {
                    instance = serializer.Deserialize(serializer.Format == SessionFormat.Json ? "{}"u8 : [0x80], type);
                }
                catch (SessionStateException e)
                {
                    throw Fail(path, $"{TypeNames.Of(type)} cannot be read back from the session: {Inner(e)}");
                }
            }
            string? difference;
            try
            {
                difference = RoundTripCheck.FirstDifference(instance, type, serializer);
            }
            catch (SessionStateException e)
            {
                throw Fail(path, $"{TypeNames.Of(type)} cannot be written to the session: {Inner(e)}");
            }
            if (difference is not null)
            {
                throw Fail(path, $"{TypeNames.Of(type)} does not survive a round trip through the session " +
                    $"(serialize, deserialize, serialize): {difference}");
            }
        }

        private void CheckMessagePack(Type type, JsonTypeInfo info, string path)
        {
            if (info.Kind == JsonTypeInfoKind.Object)
            {
                if (SessionObjectResolver.Unsupported(info) is { } typeReason)
                {
                    throw Fail(path, typeReason);
                }
                foreach (var property in info.Properties)
                {
                    if (SessionObjectResolver.Unsupported(property) is { } reason)
                    {
                        var name = (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;
                        throw Fail($"{path}.{name}", reason);
                    }
                }
            }
            try
            {
                // GetFormatter<T> for this type: throws when no resolver of the chain knows it.
                typeof(FormatterResolverExtensions).GetMethod(nameof(FormatterResolverExtensions.GetFormatterWithVerify))!
                    .MakeGenericMethod(type).Invoke(null, [MessagePackSessionSerializer.Options.Resolver]);
            }
            catch (TargetInvocationException e)
            {
                var inner = e.InnerException is TypeInitializationException { InnerException: { } cause } ? cause : e.InnerException;
                throw Fail(path, $"{TypeNames.Of(type)} cannot be stored in the MessagePack format " +
                    $"(no formatter: {inner?.Message}); use a plain type or SessionFormat.Json.");
            }
        }

        private void CheckKey(Type keyType, string path)
        {
            var key = Nullable.GetUnderlyingType(keyType) ?? keyType;
            var ok = key == typeof(string) || key.IsPrimitive || key.IsEnum || key == typeof(decimal) || key == typeof(Guid)
                || key == typeof(DateTime) || key == typeof(DateTimeOffset) || key == typeof(DateOnly)
                || key == typeof(TimeOnly) || key == typeof(TimeSpan) || key == typeof(Uri) || key == typeof(Version);
            if (!ok || key == typeof(IntPtr) || key == typeof(UIntPtr))
            {
                throw Fail(path, $"dictionary keys of type {TypeNames.Of(keyType)} cannot be stored; " +
                    "use strings, numbers, enums, dates or Guids as keys.");
            }
        }

        private SessionStateException Fail(string path, string reason) =>
            new($"{path}: {reason} (checking {role} {rootName})");

        private static string Inner(SessionStateException e) =>
            e.InnerException is JsonException or NotSupportedException ? e.InnerException.Message : e.Message;
    }
}

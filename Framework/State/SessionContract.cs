using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RazorFaces.State;

/// <summary>
/// The <see cref="DefaultJsonTypeInfoResolver"/> modifiers behind <see cref="JsonSessionSerializer"/>'s contract.
/// </summary>
internal static class SessionContract
{
    /// <summary>
    /// <c>{ get; private set; }</c> is the usual way to write an encapsulated bean; without this its value would be
    /// written but silently dropped when read back on another node.
    /// </summary>
    public static void UseNonPublicSetters(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        foreach (var property in info.Properties)
        {
            if (property.Set is null
                && property.AttributeProvider is PropertyInfo member
                && member.GetSetMethod(nonPublic: true) is { } setter
                && !setter.IsStatic)
            {
                property.Set = (target, value) => member.SetValue(target, value);
            }
        }
    }

    /// <summary>
    /// <c>public List&lt;Item&gt; Items { get; } = new();</c> cannot be replaced, so it is filled in place; otherwise
    /// the items would be written but lost when read.
    /// </summary>
    public static void FillGetOnlyMembers(JsonTypeInfo info)
    {
        // Populating needs an instance created before the members are read: not possible with constructor parameters.
        if (info.Kind != JsonTypeInfoKind.Object || info.CreateObject is null || info.Type.IsValueType)
        {
            return;
        }
        foreach (var property in info.Properties)
        {
            if (property.Set is null && property.Get is not null && CanFillInPlace(property.PropertyType))
            {
                property.ObjectCreationHandling = JsonObjectCreationHandling.Populate;
            }
        }
    }

    /// <summary>Ordinal name order: moving a member in the source file must not change the stored bytes.</summary>
    public static void OrderByName(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Properties.Count < 2)
        {
            return;
        }
        var ordered = info.Properties.OrderBy(p => p.Order).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        info.Properties.Clear();
        foreach (var property in ordered)
        {
            info.Properties.Add(property);
        }
    }

    private static bool CanFillInPlace(Type type)
    {
        if (type.IsValueType || type.IsArray || type.IsInterface || type.IsAbstract || type == typeof(string))
        {
            return false;
        }
        // Immutable collections have no Add; filling them in place would fail at read time.
        if (type.Namespace is "System.Collections.Immutable" or "System.Collections.Frozen"
            || (type.Namespace == "System.Collections.ObjectModel" && type.Name.StartsWith("ReadOnly", StringComparison.Ordinal)))
        {
            return false;
        }
        return type.GetInterfaces().Any(i => i.IsGenericType
            && (i.GetGenericTypeDefinition() == typeof(ICollection<>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>)));
    }
}

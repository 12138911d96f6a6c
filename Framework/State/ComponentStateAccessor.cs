using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace RazorFaces.State;

/// <summary>
/// Reads and writes the members of a component type marked <see cref="ViewStateAttribute"/> or
/// <c>[PersistentState]</c> (private and inherited ones too) as one map: member name → value, in the serializer's
/// format (<see cref="MemberMaps"/>).
/// </summary>
/// <remarks>
/// Keys are C# member names, so captured state is readable by any process running the same (or a compatible)
/// build. Accessors are compiled once per type; capture runs after every event.
/// </remarks>
internal sealed class ComponentStateAccessor
{
    private const BindingFlags Declared =
        BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static readonly ConcurrentDictionary<Type, ComponentStateAccessor?> Cache = new();

    private readonly Dictionary<string, StateMember> byName;

    private ComponentStateAccessor(Type componentType, IReadOnlyList<StateMember> members)
    {
        ComponentType = componentType;
        Members = members;
        byName = members.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    public Type ComponentType { get; }

    /// <summary>The state members in ordinal name order (the order they are captured in).</summary>
    public IReadOnlyList<StateMember> Members { get; }

    /// <summary>The accessor for <paramref name="componentType"/>, or null when it has no state members.</summary>
    /// <exception cref="SessionStateException">A marked member cannot be restored (readonly field, no setter,
    /// two members with the same name).</exception>
    public static ComponentStateAccessor? For(Type componentType)
    {
        ArgumentNullException.ThrowIfNull(componentType);
        // GetOrAdd does not cache a factory that throws, so an invalid type fails the same way every time.
        return Cache.GetOrAdd(componentType, Build);
    }

    /// <summary>True when the member carries one of the state attributes.</summary>
    public static bool IsStateMember(MemberInfo member) =>
        member.IsDefined(typeof(ViewStateAttribute), inherit: true)
        || member.IsDefined(typeof(PersistentStateAttribute), inherit: true);

    /// <summary>A map with one entry per state member, each value written by <paramref name="serializer"/>.</summary>
    public StateValue Capture(object component, ISessionSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(serializer);
        var values = new List<(string, byte[])>(Members.Count);
        foreach (var member in Members)
        {
            try
            {
                values.Add((member.Name, serializer.Serialize(member.Get(component), member.Type)));
            }
            catch (SessionStateException e)
            {
                throw new SessionStateException($"{Describe(member)} cannot be saved: {e.Message}", e);
            }
        }
        return new StateValue(serializer.Format, MemberMaps.Compose(serializer.Format, values));
    }

    /// <summary>
    /// Sets each state member present in <paramref name="state"/>. Members missing from it keep their current value
    /// and unknown names are skipped, so state saved by an older or newer build still restores.
    /// </summary>
    /// <remarks>The state is read in the format it was saved in, whatever <paramref name="serializer"/> writes.</remarks>
    /// <exception cref="SessionStateException">A value does not fit its member; names the type and the member.</exception>
    public void Restore(object component, StateValue state, ISessionSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(serializer);
        var reader = serializer.ReaderFor(state.Format);
        foreach (var (name, bytes) in MemberMaps.Split(state, TypeNames.Of(ComponentType)))
        {
            if (!byName.TryGetValue(name, out var member))
            {
                continue;
            }
            object? value;
            try
            {
                value = reader.Deserialize(bytes, member.Type);
            }
            catch (SessionStateException e)
            {
                throw new SessionStateException($"{Describe(member)} cannot be restored: {e.Message}", e);
            }
            try
            {
                member.Set(component, value);
            }
            catch (Exception e) when (e is InvalidCastException or NullReferenceException)
            {
                throw new SessionStateException(
                    $"{Describe(member)} cannot be restored: the saved value does not fit {TypeNames.Of(member.Type)}.", e);
            }
        }
    }

    private string Describe(StateMember member) => $"{TypeNames.Of(ComponentType)}.{member.Name}";

    private static ComponentStateAccessor? Build(Type componentType)
    {
        if (componentType.IsValueType)
        {
            throw new SessionStateException($"{TypeNames.Of(componentType)}: components with saved state must be classes.");
        }
        var members = new List<StateMember>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var type = componentType; type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var member in type.GetFields(Declared).Cast<MemberInfo>().Concat(type.GetProperties(Declared)))
            {
                if (!IsStateMember(member))
                {
                    continue;
                }
                if (!names.Add(member.Name))
                {
                    // An override of a marked virtual property is the same state; anything else is ambiguous.
                    if (member is PropertyInfo)
                    {
                        continue;
                    }
                    throw new SessionStateException(
                        $"{TypeNames.Of(componentType)}.{member.Name}: two state members are named '{member.Name}' " +
                        "(one in a base class); saved state is keyed by member name, so rename one.");
                }
                members.Add(Compile(componentType, member));
            }
        }
        if (members.Count == 0)
        {
            return null;
        }
        members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new ComponentStateAccessor(componentType, members);
    }

    private static StateMember Compile(Type componentType, MemberInfo member)
    {
        var where = $"{TypeNames.Of(componentType)}.{member.Name}";
        Type memberType;
        switch (member)
        {
            case FieldInfo { IsInitOnly: true }:
                throw new SessionStateException(
                    $"{where}: a readonly field cannot be restored when the view is rebuilt; remove 'readonly' or the state attribute.");
            case FieldInfo field:
                memberType = field.FieldType;
                break;
            case PropertyInfo indexer when indexer.GetIndexParameters().Length > 0:
                throw new SessionStateException($"{where}: an indexer cannot be saved state.");
            case PropertyInfo property when property.GetGetMethod(nonPublic: true) is null:
                throw new SessionStateException($"{where}: a property without a getter cannot be saved.");
            case PropertyInfo property when property.GetSetMethod(nonPublic: true) is null:
                throw new SessionStateException(
                    $"{where}: a get-only property cannot be restored when the view is rebuilt; add a (private) setter.");
            case PropertyInfo property:
                memberType = property.PropertyType;
                break;
            default:
                throw new SessionStateException($"{where}: only fields and properties can be saved state.");
        }
        if (memberType.IsPointer || memberType.IsByRef || memberType.IsByRefLike)
        {
            throw new SessionStateException($"{where}: pointers and ref structs cannot be saved state.");
        }

        var target = Expression.Parameter(typeof(object), "component");
        var value = Expression.Parameter(typeof(object), "value");
        var typed = Expression.Convert(target, member.DeclaringType!);
        var access = Expression.MakeMemberAccess(typed, member);
        var get = Expression.Lambda<Func<object, object?>>(Expression.Convert(access, typeof(object)), target).Compile();
        // Unbox.Any (Convert) turns a null value for a value-type member into a NullReferenceException,
        // which Restore reports as "does not fit".
        var set = Expression.Lambda<Action<object, object?>>(
            Expression.Assign(access, Expression.Convert(value, memberType)), target, value).Compile();
        return new StateMember(member.Name, memberType, member, get, set);
    }
}

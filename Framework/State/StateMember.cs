using System.Reflection;

namespace RazorFaces.State;

/// <summary>One field or property of a component that is part of its saved UI state, with compiled accessors.</summary>
internal sealed class StateMember(string name, Type type, MemberInfo member, Func<object, object?> get, Action<object, object?> set)
{
    /// <summary>The key in the captured JSON: the C# member name, the same in every process.</summary>
    public string Name { get; } = name;

    /// <summary>The declared type of the field or property; values are serialized as this type.</summary>
    public Type Type { get; } = type;

    public MemberInfo Member { get; } = member;

    public Func<object, object?> Get { get; } = get;

    public Action<object, object?> Set { get; } = set;
}

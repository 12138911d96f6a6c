namespace RazorFaces.State;

/// <summary>A registered backing bean: its type, scope and the stable key it is stored under.</summary>
internal sealed record BeanDescriptor(Type Type, BeanScope Scope)
{
    /// <summary>The field name part that identifies the bean in the session object (its full type name).</summary>
    public string Key { get; } = Type.FullName ?? Type.Name;
}

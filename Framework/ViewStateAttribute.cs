namespace RazorFaces;

/// <summary>
/// Marks a field or property (private ones too) of a component as part of its UI state: captured after every
/// event into the session object and restored when the view is rebuilt, on this node or another.
/// The familiar <c>[PersistentState]</c> attribute is honoured the same way.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = true)]
public sealed class ViewStateAttribute : Attribute
{
}

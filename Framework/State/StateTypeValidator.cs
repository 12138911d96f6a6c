namespace RazorFaces.State;

/// <summary>TEMPORARY: being written in the state worktree.</summary>
internal static class StateTypeValidator
{
    public static void Validate(Type type, string role)
    {
    }

    public static void ValidateComponent(Type componentType)
    {
    }
}

namespace RazorFaces.Tests.Beans;

/// <summary>A test-only session-scoped bean: a number every tab of the session shares.</summary>
public sealed class TallyBean
{
    /// <summary>The shared count.</summary>
    public int Count { get; set; }
}

namespace RazorFaces.Tests.Beans;

/// <summary>A test-only view-scoped bean: notes taken in one tab.</summary>
public sealed class NoteBean
{
    /// <summary>The notes, oldest first.</summary>
    public List<string> Notes { get; set; } = [];
}

namespace RazorFaces.Tests.TestComponents;

/// <summary>Records that a component was disposed.</summary>
public sealed class DisposeLog
{
    public bool Disposed { get; set; }
}

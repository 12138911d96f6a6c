namespace RazorFaces.Tests.Beans;

/// <summary>A bean JSON can store and MessagePack cannot (it has no formatter for <see cref="Int128"/>).</summary>
public sealed class BigTotalBean
{
    public Int128 Total { get; set; }
}

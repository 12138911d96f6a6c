namespace RazorFaces.Tests.Testing.Bunit;

/// <summary>A view-scoped bean for the bUnit integration tests: one per tab.</summary>
public sealed class ProbeViewBean
{
    public int Count { get; set; }
}

/// <summary>A singleton the push probe shows: what a push announces (a new chat message, a price).</summary>
public sealed class PushFeed
{
    public int Value { get; set; }
}

namespace RazorFaces.EndToEnd.Support;

/// <summary>The tests that share <see cref="SessionNodeFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SessionNodeCollection : ICollectionFixture<SessionNodeFixture>
{
    public const string Name = "session-node";
}

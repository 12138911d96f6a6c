using RazorFaces.Session;

namespace RazorFaces.Tests.Session;

public sealed class InMemorySessionStoreTests : SessionStoreConformanceTests
{
    private protected override ISessionStore CreateStore(TimeProvider time) => new InMemorySessionStore(time);
}

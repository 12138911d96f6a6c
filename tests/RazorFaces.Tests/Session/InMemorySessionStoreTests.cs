using RazorFaces.Session;

namespace RazorFaces.Tests.Session;

public sealed class InMemorySessionStoreTests : SessionStoreConformanceTests
{
    protected override ISessionStore CreateStore(TimeProvider time) => new InMemorySessionStore(time);
}

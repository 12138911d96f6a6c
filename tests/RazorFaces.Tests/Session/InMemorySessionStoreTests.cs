using RazorFaces.Session;

namespace RazorFaces.Tests.Session;

public sealed class InMemorySessionStoreTests : SessionStoreConformanceTests
{
    protected override ISessionStore CreateStore(TimeProvider time) => new InMemorySessionStore(time);

    [Fact]
    public async Task RemoveExpiredDropsOnlyExpiredSessions()
    {
        var store = (InMemorySessionStore)Store;
        await store.SaveAsync("short", new SessionChanges(0, new Dictionary<string, byte[]> { ["meta"] = [1] }, [], TimeSpan.FromMinutes(1)));
        await store.SaveAsync("long", new SessionChanges(0, new Dictionary<string, byte[]> { ["meta"] = [1] }, [], TimeSpan.FromMinutes(10)));
        Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, store.RemoveExpired());

        Assert.Equal(1, store.Count);
        Assert.NotNull(await store.LoadAsync("long"));
    }
}

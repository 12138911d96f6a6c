using Microsoft.Extensions.Time.Testing;
using System.Text;
using Demo.App.Beans;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.State;
using RazorFaces.Tests.Beans;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Support.TestPages;
using RazorFaces.Tests.Views;

namespace RazorFaces.Tests.Session;

/// <summary>Only what a request changed is written, and before the answer goes out (milestone 2, item 8).</summary>
public sealed class ChangeDetectionTests
{
    private static readonly string CartField = SessionFields.BeanField(typeof(CartBean).FullName!);
    private static readonly string TallyField = SessionFields.BeanField(typeof(TallyBean).FullName!);

    private readonly FakeTimeProvider clock = new();
    private readonly RecordingSessionStore store;

    public ChangeDetectionTests() => store = new RecordingSessionStore(new InMemorySessionStore(clock));

    [Fact]
    public async Task AClickOnTheCounterWritesOnlyTheViewFieldWhileTheLastAccessTimeIsRecent()
    {
        await using var server = await StartDemoAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        clock.Advance(TimeSpan.FromSeconds(1));
        store.Clear();

        await view.ClickAsync("#increment");

        // The last-access time is at most MaxUnreplicatedInterval (10 s) stale, so it is not rewritten yet.
        var (_, changes) = Assert.Single(store.Writes);
        Assert.Equal([SessionFields.ViewField(view.ViewId)], changes.Set.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(changes.Removed);
    }

    [Fact]
    public async Task AClickAfterTheMaxUnreplicatedIntervalAlsoWritesTheMetadataWithTheNewLastAccessTime()
    {
        await using var server = await StartDemoAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        clock.Advance(TimeSpan.FromSeconds(11));
        store.Clear();

        await view.ClickAsync("#increment");

        var (_, changes) = Assert.Single(store.Writes);
        Assert.Equal([SessionFields.MetaField, SessionFields.ViewField(view.ViewId)], changes.Set.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARequestThatChangesNothingInTheCartDoesNotWriteItButAddingToTheCartDoes()
    {
        await using var server = await StartDemoAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("cart");
        Assert.Contains(CartField, Assert.Single(store.Writes).Changes.Set.Keys);
        store.Clear();

        await view.ChangeAsync("#item-name", "tea");
        clock.Advance(TimeSpan.FromSeconds(1));
        await view.ChangeAsync("#item-name", "   ");
        await view.ClickAsync("#add-item");

        Assert.Equal(3, store.Writes.Count);
        Assert.All(store.Writes, w => Assert.DoesNotContain(CartField, w.Changes.Set.Keys));
        store.Clear();
        await BeanScopeTests.AddToCartAsync(view, "tea");
        var cart = (CartBean)JsonSessionSerializer.Instance.DeserializeField(
            Assert.Single(store.Writes, w => w.Changes.Set.ContainsKey(CartField)).Changes.Set[CartField], typeof(CartBean))!;
        Assert.Equal("tea", Assert.Single(cart.Items).Name);
    }

    [Fact]
    public async Task AutomaticModeWritesABeanWhoseContentChangedAndNotOneThatWasOnlyRead()
    {
        await using var server = await StartTallyAsync(ChangeDetection.Automatic);
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("m2/tally");
        store.Clear();

        await view.ClickAsync("#look");
        Assert.DoesNotContain(TallyField, Assert.Single(store.Writes).Changes.Set.Keys);
        await view.ClickAsync("#bump-quietly");

        Assert.Equal(1, StoredTally(store.Writes[^1].Changes));
    }

    [Fact]
    public async Task ExplicitModeWritesABeanOnlyAfterMarkChanged()
    {
        await using var server = await StartTallyAsync(ChangeDetection.Explicit);
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("m2/tally");
        // A bean the store has never seen is written without being marked (otherwise it would be lost).
        Assert.Equal(0, StoredTally(Assert.Single(store.Writes).Changes));
        store.Clear();

        await view.ClickAsync("#bump-quietly");
        Assert.Equal("1", view.Text("#tally"));
        Assert.DoesNotContain(TallyField, Assert.Single(store.Writes).Changes.Set.Keys);
        await view.ClickAsync("#bump-and-mark");

        Assert.Equal(2, StoredTally(store.Writes[^1].Changes));
        store.Clear();
        await view.ClickAsync("#look");
        Assert.DoesNotContain(TallyField, Assert.Single(store.Writes).Changes.Set.Keys);
    }

    [Fact]
    public async Task ClosingATabRemovesItsViewFieldAndWritesNothingElseOfItsOwn()
    {
        await using var server = await StartDemoAsync();
        using var browser = server.NewBrowser();
        var closing = await browser.OpenAsync("counter");
        var staying = await browser.OpenAsync("counter");
        store.Clear();

        var closed = await closing.CloseAsync();

        Assert.True(closed.IsSuccess, closed.ToString());
        var (_, changes) = Assert.Single(store.Writes);
        Assert.Equal([SessionFields.ViewField(closing.ViewId)], changes.Removed);
        Assert.Empty(changes.Set);
        var stored = await store.LoadAsync(browser.SessionId);
        Assert.False(stored!.Fields.ContainsKey(SessionFields.ViewField(closing.ViewId)));
        Assert.True(stored.Fields.ContainsKey(SessionFields.ViewField(staying.ViewId)));
    }

    [Fact]
    public async Task TheAnswerIsSentOnlyAfterTheStoreHasTheWrite()
    {
        await using var server = await StartDemoAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        store.Clear();
        var release = new TaskCompletionSource();
        // A failing assertion must not leave the server's write held (disposing the server would wait for it).
        using var releaseOnExit = new ReleaseOnDispose(release);
        var entered = store.HoldWrites(release.Task);

        // Headers are enough: a server that flushed its answer before saving would be caught even though the
        // response only completes when the request handler returns.
        using var request = new HttpRequestMessage(HttpMethod.Post, ProtocolConstants.EndpointPrefix.TrimStart('/') + "/send")
        {
            Content = new StringContent(view.EventMessage(view.TargetOf("#increment", "click"), "click").ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ProtocolConstants.TokenHeader, view.Token);
        var click = browser.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await entered.WaitAsync(TimeSpan.FromSeconds(30));

        // The write is held: no answer may come. Proving a non-event needs a bounded window; a server that
        // answered before saving would answer well within it (its answer is computed before the save).
        Assert.NotSame(click, await Task.WhenAny(click, Task.Delay(TimeSpan.FromMilliseconds(500))));
        Assert.Empty(store.Writes);
        release.TrySetResult();
        using var response = await click.WaitAsync(TimeSpan.FromSeconds(30));
        var answer = ServerAnswer.Read(response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.True(answer.IsSuccess, answer.ToString());
        view.Apply(answer.Messages);
        Assert.Equal("1", view.Text("#count"));
        Assert.Single(store.Writes);
        var stored = await store.LoadAsync(browser.SessionId);
        var record = (ViewRecord)JsonSessionSerializer.Instance.DeserializeField(stored!.Fields[SessionFields.ViewField(view.ViewId)], typeof(ViewRecord))!;
        Assert.Equal(view.Number, record.Number);
    }

    private Task<RazorFacesTestServer> StartDemoAsync() =>
        RazorFacesTestServer.StartDemoAsync(services: Register);

    private Task<RazorFacesTestServer> StartTallyAsync(ChangeDetection mode) =>
        RazorFacesTestServer.StartAsync<TestApp>(o => o.Sessions.ChangeDetection = mode, s =>
        {
            Register(s);
            s.AddSessionBean<TallyBean>();
        });

    private void Register(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ISessionStore>(store);
    }

    private sealed class ReleaseOnDispose(TaskCompletionSource release) : IDisposable
    {
        public void Dispose() => release.TrySetResult();
    }

    private static int StoredTally(SessionChanges changes)
    {
        Assert.True(changes.Set.TryGetValue(TallyField, out var bytes), $"The tally bean was not written: {string.Join(", ", changes.Set.Keys)}");
        return ((TallyBean)JsonSessionSerializer.Instance.DeserializeField(bytes, typeof(TallyBean))!).Count;
    }
}

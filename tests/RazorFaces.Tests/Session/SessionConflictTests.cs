using Microsoft.Extensions.Time.Testing;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Views;

namespace RazorFaces.Tests.Session;

/// <summary>
/// A request whose save is refused because another request wrote the session first (it lost its lease in a long
/// pause, say) is told to retry — the session lives on, so "expired" would be a lie the user cannot recover from.
/// A request whose save the store cannot take is told nothing changed, and nothing did: its work is not kept.
/// </summary>
public sealed class SessionConflictTests
{
    private readonly FakeTimeProvider clock = new();
    private readonly InMemorySessionStore inner;
    private readonly RecordingSessionStore store;

    public SessionConflictTests()
    {
        inner = new InMemorySessionStore(clock);
        store = new RecordingSessionStore(inner);
    }

    [Fact]
    public async Task ASaveRefusedBecauseAnotherWriterWentFirstAnswersBusyAndTheNextClickCarriesOn()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        Assert.True((await view.ClickAsync("#increment")).IsSuccess);

        var release = new TaskCompletionSource();
        var entered = store.HoldWrites(release.Task);
        // One attempt: the browser would retry the refusal, the test wants to see it.
        var click = view.Transport.SendAsync(view.EventMessage(view.TargetOf("#increment", "click"), "click").ToJsonString());
        await entered.WaitAsync(TimeSpan.FromSeconds(30));
        // Meanwhile another node writes the session (same content, next version).
        var stored = (await inner.LoadAsync(browser.SessionId))!;
        Assert.NotNull(await inner.SaveAsync(browser.SessionId, new SessionChanges(stored.Version, stored.Fields, [], TimeSpan.FromMinutes(30))));
        release.TrySetResult();
        var refused = await click.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal(ErrorCodes.Busy, refused.ErrorCode);
        var next = await view.ClickAsync("#increment");
        Assert.True(next.IsSuccess, next.ToString());
        Assert.Equal("2", view.Text("#count"));
    }

    [Fact]
    public async Task ASaveTheStoreCannotTakeLeavesNothingOfItsWorkSoTheRetriedClickIsAppliedOnce()
    {
        await using var server = await StartAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        Assert.True((await view.ClickAsync("#increment")).IsSuccess);

        // The click's work ran on this node's copy of the session; then the store could not take the save.
        store.FailNextWrite(new SessionStoreUnavailableException("Redis went away."));
        var refused = await view.Transport.SendAsync(view.EventMessage(view.TargetOf("#increment", "click"), "click").ToJsonString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal(ErrorCodes.StoreUnavailable, refused.ErrorCode);

        // The client's retry: applied on the stored state, once.
        var retried = await view.ClickAsync("#increment");
        Assert.True(retried.IsSuccess, retried.ToString());
        Assert.Equal("2", view.Text("#count"));
    }

    private Task<RazorFacesTestServer> StartAsync() => RazorFacesTestServer.StartDemoAsync(services: s =>
    {
        s.AddSingleton<TimeProvider>(clock);
        s.AddSingleton<ISessionStore>(store);
    });
}

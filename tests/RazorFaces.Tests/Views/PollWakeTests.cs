using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Views;

/// <summary>
/// The update an event makes rides on the event's answer; the client's open poll is not woken for it too (that would
/// double the requests per event, each taking the session lock), but a stale poll still gets what it has not seen.
/// </summary>
public sealed class PollWakeTests
{
    [Fact]
    public async Task AnOpenPollIsNotAnsweredWithTheUpdateTheClicksOwnAnswerCarried()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var waiting = view.Number;
        var poll = view.PollAsync(waiting);
        // The poll must wait on the view before the click: on a busy machine it could otherwise arrive after the next
        // one, and end that one instead.
        await Eventually.TrueAsync(() => server.Registry().Find(view.ViewId)?.IsWatched == true, "the poll waits on its view");

        var click = await view.ClickAsync("#increment");
        Assert.True(click.IsSuccess, click.ToString());
        Assert.Single(click.Updates);
        // A newer poll ends the older one: with nothing, because nothing new was left for it.
        var next = view.PollAsync(view.Number, new CancellationTokenSource(TimeSpan.FromSeconds(1)).Token);
        var ended = await poll.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(ended.IsSuccess, ended.ToString());
        Assert.Empty(ended.Updates);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    [Fact]
    public async Task APollOlderThanWhatTheClientHadWhenItSentItsEventIsAnsweredAtOnce()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        Assert.True(view.Number >= 1);
        var older = view.Number - 1;
        Assert.True((await view.ClickAsync("#increment")).IsSuccess);
        Assert.True((await view.ClickAsync("#increment")).IsSuccess);

        // The answers went to a client that had applied a newer number than this poll knows: it may be another
        // client's (a duplicated tab) and gets what it has not seen at once.
        var stale = await view.PollAsync(older).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(stale.IsSuccess, stale.ToString());
        Assert.NotEmpty(stale.Messages);
    }
}

using RazorFaces.Dom;
using RazorFaces.Protocol;
using RazorFaces.Views;
using static RazorFaces.Tests.Dom.Build;

namespace RazorFaces.Tests.Views;

public class ViewOutboxTests
{
    private static DomElement Page(string text) => Root(El("p", T(text)));

    private static ViewOutbox Started(string text = "0", int number = 1, int rebuiltFrom = 0, bool announceRebuild = false)
    {
        var outbox = new ViewOutbox(logLength: 4);
        outbox.Start(Page(text), number, location: null, rebuiltFrom, announceRebuild);
        return outbox;
    }

    [Fact]
    public void AChangedDomBecomesTheNextNumberedUpdate()
    {
        var outbox = Started();

        outbox.Publish(Page("1"), url: null, location: null);

        var update = Assert.IsType<UpdateMessage>(Assert.Single(outbox.MessagesAfter(1, url: null)));
        Assert.Equal(2, update.Number);
        Assert.Equal(2, outbox.Number);
    }

    [Fact]
    public void AnUnchangedDomMakesNoUpdate()
    {
        var outbox = Started();

        outbox.Publish(Page("0"), url: null, location: null);

        Assert.Equal(1, outbox.Number);
        Assert.Empty(outbox.MessagesAfter(1, url: null));
    }

    [Fact]
    public void AClientAheadOfTheViewGetsARefreshNumberedPastWhatItSaw()
    {
        var outbox = Started();

        var refresh = Assert.IsType<RefreshMessage>(Assert.Single(outbox.MessagesAfter(5, url: "http://x/")));

        Assert.Equal(6, refresh.Number);
        outbox.Publish(Page("1"), url: null, location: null);
        Assert.Equal(7, Assert.IsType<UpdateMessage>(Assert.Single(outbox.MessagesAfter(6, url: null))).Number);
    }

    [Fact]
    public void AMessageFromAClientAheadOfTheViewIsAnsweredWithARefreshPastItEvenWhenItsUpdateReachesItsNumber()
    {
        var outbox = Started(number: 1);

        // The client applied 2, which this view never sent; the message's own update must not become number 2.
        outbox.Acknowledge(2);
        outbox.Publish(Page("1"), url: null, location: null);

        var refresh = Assert.IsType<RefreshMessage>(Assert.Single(outbox.MessagesAfter(2, url: "http://x/")));
        Assert.Equal(3, refresh.Number);
        outbox.Publish(Page("2"), url: null, location: null);
        Assert.Equal(4, Assert.IsType<UpdateMessage>(Assert.Single(outbox.MessagesAfter(3, url: null))).Number);
    }

    [Fact]
    public async Task APollFromAClientAheadOfTheViewIsAnsweredAtOnceWithARefresh()
    {
        // A view rebuilt from a record older than updates its browser already got (renders nobody asked for are
        // not saved): waiting for a number above the client's would reuse numbers it saw, and it would never update.
        var outbox = Started(number: 1);

        var answer = await outbox.WaitAsync(3, () => null, CancellationToken.None);

        Assert.Equal(4, Assert.IsType<RefreshMessage>(Assert.Single(answer)).Number);
    }

    [Fact]
    public void AClientFurtherBehindThanTheLogGetsARefreshInsteadOfUpdates()
    {
        var outbox = Started();
        for (var i = 1; i <= 6; i++)
        {
            outbox.Publish(Page(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), url: null, location: null);
        }

        Assert.IsType<RefreshMessage>(Assert.Single(outbox.MessagesAfter(1, url: null)));
        Assert.Equal([6, 7], outbox.MessagesAfter(5, url: null).Cast<UpdateMessage>().Select(u => u.Number));
    }

    [Fact]
    public async Task AWaitingPollIsWokenByAnUpdateNobodyAskedFor()
    {
        var outbox = Started();
        var poll = outbox.WaitAsync(1, () => null, CancellationToken.None);
        Assert.False(poll.IsCompleted);

        outbox.Publish(Page("1"), url: null, location: null);

        Assert.Equal(2, Assert.IsType<UpdateMessage>(Assert.Single(await poll)).Number);
    }

    [Fact]
    public async Task AnUpdateThatAMessagesAnswerCarriesDoesNotWakeThePollOfTheSameClient()
    {
        var outbox = Started();
        var poll = outbox.WaitAsync(1, () => null, CancellationToken.None);

        outbox.BeginAnswer();
        outbox.Publish(Page("1"), url: null, location: null);
        Assert.False(poll.IsCompleted);
        outbox.EndAnswer(answeredFrom: 1);

        // The answer carried number 2: the poll from 1 keeps waiting, for the next update nobody asked for.
        Assert.False(poll.IsCompleted);
        outbox.Publish(Page("2"), url: null, location: null);
        Assert.Equal([2, 3], (await poll).Cast<UpdateMessage>().Select(u => u.Number));
    }

    [Fact]
    public async Task APollSentBeforeTheClientsLastMessagesGetsOnlyTheUpdatesAfterWhatThoseMessagesAcknowledged()
    {
        // Regression: /grid was refreshed in full after a sort or a filter. The poll waited from 1; the click's answer
        // carried 2, the client's next message (at 2) let 2 leave the log, and the render after it woke the poll,
        // which found a gap from 1 and answered a refresh.
        var outbox = Started();
        var poll = outbox.WaitAsync(1, () => null, CancellationToken.None);
        outbox.Acknowledge(1);
        outbox.BeginAnswer();
        outbox.Publish(Page("1"), url: null, location: null);
        outbox.EndAnswer(answeredFrom: 1);
        outbox.Acknowledge(2);
        outbox.BeginAnswer();
        outbox.EndAnswer(answeredFrom: 2);

        outbox.Publish(Page("2"), url: null, location: null);

        Assert.Equal(3, Assert.IsType<UpdateMessage>(Assert.Single(await poll)).Number);
    }

    [Fact]
    public async Task AMessageThatFailedLeavesItsUpdatesToThePoll()
    {
        var outbox = Started();
        var poll = outbox.WaitAsync(1, () => null, CancellationToken.None);

        outbox.BeginAnswer();
        outbox.Publish(Page("1"), url: null, location: null);
        outbox.EndAnswer(answeredFrom: null);

        Assert.Equal(2, Assert.IsType<UpdateMessage>(Assert.Single(await poll)).Number);
    }

    [Fact]
    public async Task ANewerPollEndsTheOlderOneWithNothing()
    {
        var outbox = Started();
        var older = outbox.WaitAsync(1, () => null, CancellationToken.None);

        var newer = outbox.WaitAsync(1, () => null, CancellationToken.None);

        Assert.Empty(await older);
        Assert.False(newer.IsCompleted);
    }

    [Fact]
    public async Task ClosingAnswersTheWaitingPollWithNothingOnce()
    {
        var outbox = Started();
        var poll = outbox.WaitAsync(1, () => null, CancellationToken.None);

        Assert.True(outbox.Close());

        Assert.Empty(await poll);
        Assert.False(outbox.Close());
        Assert.True(outbox.IsClosed);
    }

    [Fact]
    public void ARefreshToAClientThatSawNothingSinceTheRebuildSaysRebuilt()
    {
        var outbox = Started(number: 8, rebuiltFrom: 8);

        Assert.True(Assert.IsType<RefreshMessage>(Assert.Single(outbox.Refresh(7, url: null))).Rebuilt);
        Assert.False(Assert.IsType<RefreshMessage>(Assert.Single(outbox.Refresh(8, url: null))).Rebuilt);
    }

    [Fact]
    public void AfterARebuildWithTheSameDomTheFirstUpdateSaysRebuilt()
    {
        var outbox = Started(number: 7, rebuiltFrom: 8, announceRebuild: true);

        outbox.Publish(Page("1"), url: null, location: null);
        outbox.Publish(Page("2"), url: null, location: null);

        Assert.Equal([true, false], outbox.MessagesAfter(7, url: null).Cast<UpdateMessage>().Select(u => u.Rebuilt));
    }

    [Fact]
    public async Task ALocationIsSentOnceAndWakesThePoll()
    {
        var outbox = Started();
        var poll = outbox.WaitAsync(1, () => null, CancellationToken.None);

        outbox.Publish(newDom: null, url: null, location: "http://elsewhere/");

        Assert.IsType<LocationMessage>((await poll)[0]);
        Assert.DoesNotContain(outbox.MessagesAfter(1, url: null), m => m is LocationMessage);
    }

    [Fact]
    public void AValueTheBrowserAlreadyShowsIsNotSentAgain()
    {
        var outbox = Started("typed?");

        outbox.Assume(_ => Page("typed"));
        outbox.Publish(Page("typed"), url: null, location: null);

        Assert.Equal(1, outbox.Number);
    }
}

using RazorFaces.Dom;
using RazorFaces.Protocol;
using RazorFaces.Views;
using static RazorFaces.Tests.Dom.Build;

namespace RazorFaces.Tests.Views;

/// <summary>The interop side of <see cref="ViewOutbox"/>: js messages go out once, wake the poll, and wait for the render they need.</summary>
public class ViewOutboxInteropTests
{
    private static DomElement Page(string text) => Root(El("p", T(text)));

    private static ViewOutbox Started()
    {
        var outbox = new ViewOutbox(logLength: 4);
        outbox.Start(Page("0"), 1, location: null, rebuiltFrom: 0, announceRebuild: false);
        return outbox;
    }

    private static JSCallMessage Call(long id) => new(0, id, "it.fn", "[]", JSNames.FunctionCall, JSNames.JsonResult, 0);

    [Fact]
    public void ACallIsHandedOutOnceAfterTheUpdates()
    {
        var outbox = Started();
        outbox.Publish(Page("1"), url: null, location: null);
        outbox.AddInterop(Call(2), afterPendingRender: false);

        var first = outbox.MessagesAfter(1, url: null);
        var second = outbox.MessagesAfter(1, url: null);

        Assert.IsType<UpdateMessage>(first[0]);
        Assert.Equal(2, Assert.IsType<JSCallMessage>(first[1]).Id);
        Assert.DoesNotContain(second, m => m is JSCallMessage);
    }

    [Fact]
    public async Task ACallWakesAWaitingPollEvenWhenTheViewDidNotChange()
    {
        var outbox = Started();
        var poll = outbox.WaitAsync(1, () => null, CancellationToken.None);
        Assert.False(poll.IsCompleted);

        outbox.AddInterop(Call(2), afterPendingRender: false);

        var call = Assert.IsType<JSCallMessage>(Assert.Single(await poll));
        Assert.Equal(1, call.Number);
    }

    [Fact]
    public async Task ACallMadeWhileAMessageIsAnsweredRidesOnTheAnswerNotThePoll()
    {
        var outbox = Started();
        using var stop = new CancellationTokenSource();
        var poll = outbox.WaitAsync(1, () => null, stop.Token);
        outbox.BeginAnswer();

        outbox.AddInterop(Call(2), afterPendingRender: false);
        Assert.False(poll.IsCompleted);
        var answer = outbox.MessagesAfter(1, url: null);
        outbox.EndAnswer(answeredFrom: 1);

        Assert.IsType<JSCallMessage>(Assert.Single(answer));
        Assert.False(poll.IsCompleted);
        await stop.CancelAsync();
        Assert.Empty(await poll);
    }

    [Fact]
    public void ACallAfterARenderNotPublishedYetWaitsForTheNextNumberWhichComesEvenWithoutPatches()
    {
        var outbox = Started();

        outbox.AddInterop(Call(2), afterPendingRender: true);
        outbox.Publish(Page("0"), url: null, location: null);

        var messages = outbox.MessagesAfter(1, url: null);
        var update = Assert.IsType<UpdateMessage>(messages[0]);
        Assert.Equal(2, update.Number);
        Assert.Empty(update.Patches);
        Assert.Equal(2, Assert.IsType<JSCallMessage>(messages[1]).Number);
    }

    [Fact]
    public void TheEndOfADotNetCallIsHandedOutLikeACall()
    {
        var outbox = Started();

        outbox.AddInterop(new DotNetResultMessage(0, "3", true, "42", null), afterPendingRender: false);

        var result = Assert.IsType<DotNetResultMessage>(Assert.Single(outbox.Refresh(1, url: null).Skip(1)));
        Assert.Equal(("3", 1), (result.CallId, result.Number));
    }

    [Fact]
    public void CallsTheFirstRenderMadeWaitForTheNumberTheViewStartsAtAndForceNoEmptyUpdate()
    {
        var outbox = new ViewOutbox(logLength: 4);
        outbox.AddInterop(Call(2), afterPendingRender: true);

        outbox.Start(Page("0"), 6, location: null, rebuiltFrom: 6, announceRebuild: false);
        outbox.Publish(Page("0"), url: null, location: null);

        Assert.Equal(6, outbox.Number);
        Assert.Equal(6, Assert.IsType<JSCallMessage>(Assert.Single(outbox.MessagesAfter(6, url: null))).Number);
    }
}

using System.Diagnostics;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Integration;

public sealed class LongPollTests(TestPagesServerFixture fixture) : IClassFixture<TestPagesServerFixture>
{
    [Fact]
    public async Task APollAnswersWithAnUpdateMadeOutsideAnyRequest()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("it/push");
        Assert.Equal("nothing yet", view.Text("#pushed"));

        var poll = view.PollAsync();
        await Eventually.TrueAsync(() => fixture.Server.PollsInFlight == 1, "the poll waits on the server");
        Assert.False(poll.IsCompleted);
        fixture.Signal.Push("hello from the server");
        var answer = await poll;

        var update = Assert.Single(answer.Messages);
        Assert.Equal("update", update.Type);
        Assert.Equal(2, update.Number);
        Assert.Equal("hello from the server", view.Text("#pushed"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task ANewerPollEndsTheOlderOneWithNothing()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("it/push");

        var older = view.PollAsync();
        await Eventually.TrueAsync(() => fixture.Server.PollsInFlight == 1, "the first poll waits on the server");
        var newer = view.PollAsync();
        var ended = await older;

        Assert.True(ended.IsSuccess, ended.ToString());
        Assert.Empty(ended.Messages);
        Assert.False(newer.IsCompleted);
        fixture.Signal.Push("for the newer poll");
        var answer = await newer;
        Assert.Equal(2, Assert.Single(answer.Messages).Number);
        Assert.Equal("for the newer poll", view.Text("#pushed"));
    }

    [Fact]
    public async Task APollAnswersNothingAfterThePollTimeout()
    {
        var timeout = TimeSpan.FromMilliseconds(300);
        await using var server = await RazorFacesTestServer.StartDemoAsync(o => o.Transport.PollTimeout = timeout);
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");

        var clock = Stopwatch.StartNew();
        var answer = await view.PollAsync();

        Assert.True(answer.IsSuccess, answer.ToString());
        Assert.Empty(answer.Messages);
        Assert.True(clock.Elapsed >= timeout - TimeSpan.FromMilliseconds(20), $"answered after {clock.Elapsed}");
        Assert.Equal(1, view.Number);
    }
}

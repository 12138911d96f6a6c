using System.Globalization;
using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

[Collection(SessionNodeCollection.Name)]
public sealed class PassivationTests(SessionNodeFixture fixture)
{
    [Fact]
    public async Task TheCounterKeepsCountingAfterEveryLiveViewWasDroppedThreeTimes()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await Chromium.OpenAsync(context, "counter");
        var viewId = await page.GetAttributeAsync("#rf-root", "data-rf-view");
        var count = 0;
        for (var i = 0; i < 3; i++)
        {
            await ClickAsync(page, ++count);
        }

        for (var drop = 1; drop <= 3; drop++)
        {
            Assert.True(await fixture.PassivateAllAsync() >= 1);
            await ClickAsync(page, ++count);
            Assert.True(await Stat(page, "rebuilds") >= drop, $"after drop {drop}: {await Stat(page, "rebuilds")} rebuild(s)");
            await ClickAsync(page, ++count);
        }

        Assert.Equal(0, await Stat(page, "fullRefreshes"));
        Assert.Equal(count, await Stat(page, "updates"));
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));
        // Rebuilt under its own id: the browser never had to adopt a new view.
        Assert.Equal(viewId, await page.GetAttributeAsync("#rf-root", "data-rf-view"));
    }

    [Fact]
    public async Task AViewDroppedWhileOnlyItsLongPollWasOpenIsRebuiltByTheNextPollAndTheNextClickWorks()
    {
        await using var context = await fixture.NewContextAsync();
        PollWatcher polls = null!;
        var page = await Chromium.OpenAsync(context, "counter", p => polls = new PollWatcher(p));
        await ClickAsync(page, 1);
        await ClickAsync(page, 2);
        // The poll opened with the page is still waiting: the clicks' updates rode on their own answers.
        var openPoll = await polls.WaitForOpenPollAsync();

        Assert.True(await fixture.PassivateAllAsync() >= 1);

        // Dropping the view answers the waiting poll instead of leaving it hanging on a dead view; the client polls again.
        await polls.WaitUntilEndedAsync(openPoll);
        Assert.Equal(200, (await openPoll.ResponseAsync())!.Status);
        await polls.WaitForPollAfterAsync(openPoll);
        Assert.Equal("2", await page.TextContentAsync("#count"));
        await ClickAsync(page, 3);

        Assert.Equal(1, await Stat(page, "rebuilds"));
        Assert.Equal(0, await Stat(page, "fullRefreshes"));
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));
    }

    private static async Task ClickAsync(IPage page, int expected)
    {
        await page.ClickAsync("#increment");
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync(expected.ToString(CultureInfo.InvariantCulture));
    }

    private static Task<int> Stat(IPage page, string name) =>
        page.EvaluateAsync<int>($"() => window.RazorFaces.stats.{name}");
}

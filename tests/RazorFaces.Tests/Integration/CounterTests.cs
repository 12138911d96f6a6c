using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Integration;

public sealed class CounterTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    [Fact]
    public async Task ClicksOnIncrementUpdateTheCountThroughPatches()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        Assert.Equal("0", view.Text("#count"));

        for (var expected = 1; expected <= 3; expected++)
        {
            var answer = await view.ClickAsync("#increment");

            var update = Assert.Single(answer.Messages);
            Assert.Equal("update", update.Type);
            Assert.Equal(expected + 1, update.Number);
            Assert.Equal(1, update.PatchCount);
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), view.Text("#count"));
        }
        Assert.Equal(4, view.Number);
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }
}

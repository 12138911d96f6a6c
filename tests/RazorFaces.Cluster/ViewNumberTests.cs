using System.Net;
using RazorFaces.Cluster.Tests.Support;

namespace RazorFaces.Cluster.Tests;

/// <summary>View numbers stay unique per view when its requests alternate between nodes (protocol clients, direct node addresses).</summary>
[Collection(ClusterCollection.Name)]
public sealed class ViewNumberTests : IAsyncLifetime
{
    private DemoCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await DemoCluster.StartAsync(nodes: 2, haproxy: false);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    // Regression: a poll that rebuilt a view answered a refresh one number past the view's record but did not
    // record it, so the next event on the first node handed out that same number with other content, and the
    // client ignored the event's answer as old (round robin then waited a whole poll timeout per click).
    [Fact]
    public async Task APollThatRebuildsTheViewRecordsItsNewNumberSoAnotherNodeNeverHandsItOutAgain()
    {
        using var browser = Browsers.At(_cluster.Nodes[0].Address);
        var client = await browser.OpenAsync("counter");
        Assert.Equal("node-a", client.Text("#served-by"));

        browser.BaseAddress = _cluster.Nodes[1].Address;
        Assert.Equal(HttpStatusCode.OK, (await client.PollAsync()).Status);
        Assert.Equal("node-b", client.Text("#served-by"));
        var afterPoll = client.Number;

        browser.BaseAddress = _cluster.Nodes[0].Address;
        Assert.True((await client.ClickAsync("#increment")).IsSuccess);

        Assert.Equal("1", client.Text("#count"));
        Assert.Equal("node-a", client.Text("#served-by"));
        Assert.True(client.Number > afterPoll, $"n={client.Number} after the poll's {afterPoll}");
        Assert.Empty(client.Collisions);
        Assert.Empty(client.Failures);
    }
}

using RazorFaces.Cluster.Tests.Support;
using RazorFaces.Redis;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support;

namespace RazorFaces.Cluster.Tests;

/// <summary>
/// A node freezes (SIGSTOP) in the middle of a click, holding the session's lease, and the user goes on on another
/// node; the frozen node then dies (SIGKILL) or comes back (SIGCONT). The nodes' leases live five minutes here, far
/// longer than the client retries, so the other node can only serve the session by finding the holder's liveness key
/// gone and taking the lease over (docs/cluster.md, "Dead lease holders").
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LeaseHolderTests
{
    // Leases are not kept between requests here: the test catches A holding the lease by its existence, which must
    // mean a click in flight (a kept lease frozen with its node is RedisKeptLeaseTests' lapse case).
    private static readonly string[] LongLeases = ["--RazorFaces:Sessions:LockTimeToLive", "00:05:00", "--RazorFaces:Sessions:LeaseKeepTime", "00:00:00"];

    [Theory]
    [InlineData("killed")]
    [InlineData("thawed")]
    public async Task ANodeFrozenHoldingTheLeaseIsTakenOverAndItsClickIsAppliedOnceWhetherItDiesOrComesBack(string fate)
    {
        await using var cluster = await DemoCluster.StartAsync(nodes: 2, haproxy: false, nodeArguments: LongLeases);
        var (a, b) = (cluster.Node("node-a"), cluster.Node("node-b"));
        using var browser = Browsers.At(a.Address);
        var first = await browser.OpenAsync("counter");
        for (var i = 0; i < 3; i++)
        {
            await first.ClickAsync("#increment");
        }

        var inFlight = await FreezeHoldingTheLeaseAsync(cluster, a, first, browser.SessionId);
        // The user goes on in a second tab on B: its page needs the session's lease, held by the frozen A.
        browser.BaseAddress = b.Address;
        var second = await browser.OpenAsync("counter");
        Assert.True((await second.ClickAsync("#increment")).IsSuccess, cluster.Describe());
        if (fate == "killed")
        {
            await a.KillAsync();
        }
        else
        {
            a.Thaw();
        }

        // The frozen click is retried on B (the tab's requests now go there) and applied once.
        Assert.True((await inFlight).IsSuccess, string.Join("\n", first.Failures) + "\n" + cluster.Describe());
        if (fate == "thawed")
        {
            // A's save came after B had taken the lease and written: it was refused, and the client retried.
            Assert.Contains(first.Failures, f => f.Contains("busy", StringComparison.Ordinal));
        }
        var problems = await AcknowledgedClicks.ProblemsAsync([first, second]);
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + cluster.Describe());
    }

    // Clicks on A and freezes it while the click holds the lease: frozen until A's liveness key is gone (so a save
    // that was already on its way to Redis has landed), the lease must still be there; otherwise A goes on and the
    // next click is tried. Returns the click, still waiting for A's answer.
    private static async Task<Task<ServerAnswer>> FreezeHoldingTheLeaseAsync(DemoCluster cluster, DemoNode a, ViewClient client, string sessionId)
    {
        var lease = new RedisKeys("rf:").Lease(sessionId);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var click = client.ClickAsync("#increment");
            while (!click.IsCompleted && await cluster.Redis.CommandAsync($"EXISTS {lease}") != ":1")
            {
            }
            if (click.IsCompleted)
            {
                await click;
                continue;
            }
            a.Freeze();
            await Eventually.TrueAsync(
                async () => await cluster.Redis.CommandAsync("KEYS rf:live:node-a#*") == "*0", TimeSpan.FromSeconds(30), () => "A's liveness key lapsed");
            if (await cluster.Redis.CommandAsync($"EXISTS {lease}") == ":1")
            {
                return click;
            }
            a.Thaw();
            await click;
        }
        throw new InvalidOperationException("A was never caught holding the lease.\n" + cluster.Describe());
    }
}

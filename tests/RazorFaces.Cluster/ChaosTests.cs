using System.Globalization;
using RazorFaces.Cluster.Tests.Support;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support;
using Xunit.Abstractions;

namespace RazorFaces.Cluster.Tests;

/// <summary>
/// Thirty simulated users (protocol clients, each its own session with a poll running) click /counter through
/// haproxy while a random node of three is SIGKILLed every 10 s and restarted. RF_CHAOS_SECONDS sets how long
/// (default 60).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Users = 30;
    private static readonly TimeSpan KillEvery = TimeSpan.FromSeconds(10);

    private DemoCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await DemoCluster.StartAsync(nodes: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task UsersClickingWhileNodesAreKilledKeepEveryAcknowledgedClickAndNeverSeeExpiry()
    {
        var duration = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("RF_CHAOS_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 60);
        var browsers = new List<BrowserSession>();
        var clients = new List<ViewClient>();
        try
        {
            for (var i = 0; i < Users; i++)
            {
                var browser = Browsers.At(_cluster.Address);
                browsers.Add(browser);
                clients.Add(await browser.OpenAsync("counter"));
            }
            using var stopPolls = new CancellationTokenSource();
            var polls = clients.Select(c => Task.Run(() => c.ListenAsync(stopPolls.Token))).ToList();
            var end = DateTime.UtcNow + duration;
            var users = clients.Select((c, i) => Task.Run(() => ClickUntilAsync(c, end, new Random(i)))).ToList();
            var kills = await KillNodesUntilAsync(end);
            await Task.WhenAll(users);
            await stopPolls.CancelAsync();
            await Task.WhenAll(polls);

            var problems = await AcknowledgedClicks.ProblemsAsync(clients, freshViewIsAProblem: true);
            var failures = clients.SelectMany(c => c.Failures).GroupBy(f => f).OrderByDescending(g => g.Count());
            output.WriteLine($"{duration.TotalSeconds:0} s, {kills} kills, {clients.Sum(c => c.Acknowledged)} acknowledged clicks; " +
                $"retried answers: {string.Join(", ", failures.Select(g => $"{g.Key} ×{g.Count()}"))}");
            Assert.True(kills >= Math.Max(1, (int)(duration / KillEvery) - 1), $"only {kills} kills happened");
            Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + _cluster.Describe());
            Assert.All(clients, c => Assert.True(c.Acknowledged > 0));
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }

    private static async Task ClickUntilAsync(ViewClient client, DateTime end, Random random)
    {
        while (DateTime.UtcNow < end)
        {
            await client.ClickAsync("#increment");
            // Think time: the users' pace, not a wait for anything.
            await Task.Delay(random.Next(50, 300));
        }
    }

    // The chaos schedule: at every multiple of KillEvery a random node is SIGKILLed, then started again under
    // its name and port (the restart takes a few seconds, within the period).
    private async Task<int> KillNodesUntilAsync(DateTime end)
    {
        var random = new Random(42);
        var start = DateTime.UtcNow;
        var kills = 0;
        for (var next = start + KillEvery; next < end; next += KillEvery)
        {
            if (next > DateTime.UtcNow)
            {
                await Task.Delay(next - DateTime.UtcNow);
            }
            var victim = _cluster.Nodes[random.Next(_cluster.Nodes.Count)];
            await victim.KillAsync();
            kills++;
            await victim.StartAsync();
        }
        return kills;
    }
}

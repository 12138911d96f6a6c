using System.Net;
using RazorFaces.Cluster.Tests.Support;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support;
using Xunit.Abstractions;

namespace RazorFaces.Cluster.Tests;

/// <summary>
/// Two Demo.App processes on a Redis Cluster (3 masters, 1 replica each) or behind Sentinel (a primary, 1 replica),
/// with replica acks on (<c>--redis-replica-acks 1</c>, and every online replica waited for), while the Redis master holding the users' sessions (or the primary) is SIGKILLed
/// twice, each time coming back empty as a replica. Regression: on a Cluster every page answered 500 (CROSSSLOT), and
/// when a master died both app nodes exited. Now no node exits, users see 503 meanwhile and never 500 or "expired",
/// every acknowledged click is kept and view numbers never repeat.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RedisFailoverTests(ITestOutputHelper output)
{
    private const int Users = 6;
    private const int Kills = 2;

    [Theory]
    [InlineData("cluster")]
    [InlineData("sentinel")]
    public async Task NodesSurviveTheirRedisPrimaryBeingKilledAndKeepEveryAcknowledgedClick(string deployment)
    {
        await using var redis = RedisPrimaryCrash.Deployment(deployment);
        await redis.InitializeAsync();
        var log = new ProcessOutput();
        await using var nodeA = new DemoNode("node-a", redis.Configuration, log, RedisPrimaryCrash.NodeArguments);
        await using var nodeB = new DemoNode("node-b", redis.Configuration, log, RedisPrimaryCrash.NodeArguments);
        await nodeA.StartAsync();
        await nodeB.StartAsync();
        var browsers = Enumerable.Range(0, Users).Select(i => Browsers.At((i % 2 == 0 ? nodeA : nodeB).Address)).ToList();
        try
        {
            var clients = new List<ViewClient>();
            foreach (var browser in browsers)
            {
                clients.Add(await browser.OpenAsync("counter"));
            }
            using var stopPolls = new CancellationTokenSource();
            var polls = clients.Select(c => Task.Run(() => c.ListenAsync(stopPolls.Token))).ToList();
            var clicking = true;
            var users = clients.Select((c, i) => Task.Run(async () =>
            {
                var random = new Random(i);
                while (Volatile.Read(ref clicking))
                {
                    await c.ClickAsync("#increment");
                    await Task.Delay(random.Next(20, 150));
                }
            })).ToList();

            for (var kill = 0; kill < Kills; kill++)
            {
                var before = clients.Select(c => c.Acknowledged).ToList();
                await EventuallyAsync(() => clients.Select((c, i) => c.Acknowledged >= before[i] + 3).All(x => x), "every user's clicks acknowledged");
                await RedisPrimaryCrash.KillAndRecoverAsync(redis, browsers[kill % Users].SessionId, line => output.WriteLine($"kill {kill + 1}: {line}"));
            }
            var last = clients.Select(c => c.Acknowledged).ToList();
            await EventuallyAsync(() => clients.Select((c, i) => c.Acknowledged >= last[i] + 3).All(x => x), "every user's clicks acknowledged after the last kill");
            Volatile.Write(ref clicking, false);
            await Task.WhenAll(users);
            await stopPolls.CancelAsync();
            await Task.WhenAll(polls);

            var problems = await AcknowledgedClicks.ProblemsAsync(clients);
            output.WriteLine($"{deployment}: {Kills} kills, {clients.Sum(c => c.Acknowledged)} acknowledged clicks; retried answers: " +
                string.Join(", ", clients.SelectMany(c => c.Failures).GroupBy(f => f).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}")));
            Assert.True(nodeA.IsRunning && nodeB.IsRunning, "an app node exited\n" + log);
            Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + log);
            using var http = new HttpClient();
            foreach (var node in new[] { nodeA, nodeB })
            {
                await EventuallyAsync(() => http.GetAsync(new Uri(node.Address, "healthz")).GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK, $"{node.Name} healthy");
            }
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }
            await Task.Delay(50);
        }
    }
}

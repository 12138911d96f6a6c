using System.Diagnostics;

namespace RazorFaces.Bench;

/// <summary>
/// The same /counter clicks, by the same driver in the same process, against a server with the in-memory store and
/// one with the Redis store (<c>AddRazorFacesRedis</c>, a real redis-server), and a bare Redis round trip (HGET of a
/// small field through StackExchange.Redis) at the same concurrency. Rounds of the three alternate. Then the Redis
/// commands of a known number of events are counted from <c>INFO commandstats</c>.
/// </summary>
internal static class StoreBench
{
    public const string Memory = "/counter click, in-memory store";
    public const string Redis = "/counter click, Redis store";
    public const string BareRedis = "bare Redis HGET (StackExchange.Redis)";

    public static async Task<StoreResult> RunAsync(BenchServer memoryServer, BenchSettings settings, TextWriter log)
    {
        await using var redis = await RedisProcess.StartAsync();
        await using var redisServer = await BenchServer.StartAsync(redis.Configuration);
        var handlers = new List<HttpClient>();
        try
        {
            var memoryClients = await OpenAsync(memoryServer, handlers);
            var redisClients = await OpenAsync(redisServer, handlers);
            // A hash field about the size of a view record, read by key: the cheapest useful Redis round trip.
            await redis.Database.HashSetAsync("bench:hash", "field", new string('x', 200));
            Task BareAsync(SimulatedBrowser _) => redis.Database.HashGetAsync("bench:hash", "field");

            log.WriteLine("store warm-up");
            var warmUp = settings.WarmUp / 3;
            await LoadDriver.RunAsync(memoryClients, c => c.ClickIncrementAsync(), warmUp);
            await LoadDriver.RunAsync(redisClients, c => c.ClickIncrementAsync(), warmUp);
            await LoadDriver.RunAsync(redisClients, BareAsync, warmUp);

            var (commands, microseconds, counted) = await CountCommandsAsync(redisClients[0], redis, settings.Quick ? 200 : 1000);
            var profile = await StoreProfile.RunAsync(redis, settings, log);

            var results = new List<LatencyResult>();
            foreach (var concurrency in BenchSettings.Concurrencies)
            {
                var samples = new Dictionary<string, (List<long> Ticks, double Seconds)>
                {
                    [Memory] = ([], 0), [Redis] = ([], 0), [BareRedis] = ([], 0),
                };
                for (var round = 1; round <= settings.StoreRounds; round++)
                {
                    log.WriteLine($"stores, {concurrency} client(s), round {round}/{settings.StoreRounds}");
                    Add(samples, Memory, await LoadDriver.RunAsync(memoryClients.Take(concurrency).ToList(), c => c.ClickIncrementAsync(), settings.StoreRoundDuration));
                    Add(samples, Redis, await LoadDriver.RunAsync(redisClients.Take(concurrency).ToList(), c => c.ClickIncrementAsync(), settings.StoreRoundDuration));
                    Add(samples, BareRedis, await LoadDriver.RunAsync(redisClients.Take(concurrency).ToList(), BareAsync, settings.StoreRoundDuration));
                }
                results.AddRange(samples.Select(s => LatencyResult.From(s.Key, concurrency, s.Value.Ticks, s.Value.Seconds)));
            }
            return new StoreResult(results, commands, counted) { Profile = profile, MicrosecondsPerCall = microseconds };
        }
        finally
        {
            handlers.ForEach(h => h.Dispose());
        }
    }

    private static void Add(Dictionary<string, (List<long> Ticks, double Seconds)> samples, string scenario, (List<long> Ticks, double Seconds, long Allocated) run)
    {
        var (ticks, seconds) = samples[scenario];
        ticks.AddRange(run.Ticks);
        samples[scenario] = (ticks, seconds + run.Seconds);
    }

    private static async Task<List<SimulatedBrowser>> OpenAsync(BenchServer server, List<HttpClient> handlers)
    {
        var clients = new List<SimulatedBrowser>();
        for (var i = 0; i < BenchSettings.Concurrencies.Max(); i++)
        {
            var http = HttpClients.Create();
            handlers.Add(http);
            var client = new SimulatedBrowser(http, server.Address);
            await client.OpenAsync("/counter");
            clients.Add(client);
        }
        return clients;
    }

    // Events one after another, then an idle interval as long: what the node does in the background (membership
    // heartbeats, expiry claims) is counted in the second and taken off the first.
    private static async Task<(Dictionary<string, double> PerEvent, Dictionary<string, double> MicrosecondsPerCall, int Events)> CountCommandsAsync(
        SimulatedBrowser client, RedisProcess redis, int events)
    {
        var beforeStats = await redis.CommandStatsAsync();
        var before = beforeStats.ToDictionary(c => c.Key, c => c.Value.Calls, StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events; i++)
        {
            await client.ClickIncrementAsync();
        }
        var busyStats = await redis.CommandStatsAsync();
        var busy = busyStats.ToDictionary(c => c.Key, c => c.Value.Calls, StringComparer.Ordinal);
        var elapsed = clock.Elapsed;
        await Task.Delay(elapsed);
        var idle = await redis.CommandCallsAsync();
        var perEvent = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (command, calls) in busy)
        {
            // The INFO calls themselves are the benchmark's, not the node's.
            if (command == "info")
            {
                continue;
            }
            var during = calls - before.GetValueOrDefault(command);
            var background = idle.GetValueOrDefault(command) - calls;
            var value = (during - background) / (double)events;
            if (value > 0.005)
            {
                perEvent[command] = value;
            }
        }
        return (perEvent, StoreProfile.MicrosecondsPerCall(beforeStats, busyStats), events);
    }
}

using System.Globalization;
using RazorFaces.Redis;
using RazorFaces.Session;

namespace RazorFaces.Bench;

/// <summary>
/// Where the Redis store's share of an event goes, one client: the store's own acquire + save-and-release without
/// HTTP or a page (the node's cost of the two round trips), a script that does nothing (what EVALSHA costs beyond a
/// plain read) and a bare read, alternating; and the time Redis itself spends per call (<c>INFO commandstats</c>
/// <c>usec_per_call</c>) while the node clicks.
/// </summary>
internal static class StoreProfile
{
    public const string StoreCycle = "store only: acquire + save-and-release (no HTTP, no page)";
    public const string Resp3Cycle = "the same, `protocol=resp3`";
    public const string HighIntegrityCycle = "the same, `highIntegrity=true`";
    public const string EmptyScript = "EVALSHA of an empty script (`return 1`)";
    public const string Bare = "bare Redis HGET (StackExchange.Redis)";

    // About what /counter's click writes: one view record and the session's meta.
    private static readonly byte[] View = new byte[180];
    private static readonly byte[] Meta = new byte[40];

    public static async Task<List<LatencyResult>> RunAsync(RedisProcess redis, BenchSettings settings, TextWriter log)
    {
        using var connection = new RedisConnection(redis.Configuration, "rf-profile:");
        using var resp3 = new RedisConnection(redis.Configuration + ",protocol=resp3", "rf-profile:");
        using var highIntegrity = new RedisConnection(redis.Configuration + ",highIntegrity=true", "rf-profile:");
        var store = new RedisSessionStore(connection);
        var id = "profile-" + Guid.NewGuid().ToString("N");
        _ = await store.SaveAsync(id, Changes(0)) ?? throw new InvalidOperationException("The profile session was not created.");
        Func<int, Task> Cycle(RedisSessionStore through) => async _ =>
        {
            await using var lease = await through.AcquireAsync(id) ?? throw new InvalidOperationException("The profile session is busy.");
            if (await lease.SaveAndReleaseAsync(Changes(lease.Version ?? 0)) is null)
            {
                throw new InvalidOperationException("The profile save was refused.");
            }
        };
        var cycle = Cycle(store);
        Task EmptyAsync(int _) => redis.Database.ScriptEvaluateAsync("return 1", ["bench:hash"]);
        Task BareAsync(int _) => redis.Database.HashGetAsync("bench:hash", "field");
        int[] one = [0];

        (string Scenario, Func<int, Task> Call)[] scenarios =
        [
            (StoreCycle, cycle), (Resp3Cycle, Cycle(new RedisSessionStore(resp3))), (HighIntegrityCycle, Cycle(new RedisSessionStore(highIntegrity))),
            (EmptyScript, EmptyAsync), (Bare, BareAsync),
        ];
        foreach (var (_, call) in scenarios)
        {
            await LoadDriver.RunAsync(one, call, settings.WarmUp / 5);
        }
        var samples = scenarios.ToDictionary(s => s.Scenario, _ => (Ticks: new List<long>(), Seconds: 0.0));
        for (var round = 1; round <= settings.StoreRounds; round++)
        {
            log.WriteLine($"store profile, round {round}/{settings.StoreRounds}");
            foreach (var (scenario, call) in scenarios)
            {
                var run = await LoadDriver.RunAsync(one, call, settings.StoreRoundDuration);
                var (ticks, seconds) = samples[scenario];
                ticks.AddRange(run.Ticks);
                samples[scenario] = (ticks, seconds + run.Seconds);
            }
        }
        await store.RemoveAsync(id);
        return [.. samples.Select(s => LatencyResult.From(s.Key, 1, s.Value.Ticks, s.Value.Seconds))];
    }

    private static SessionChanges Changes(long expected) =>
        new(expected, new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["v:1"] = View, ["meta"] = Meta }, [], TimeSpan.FromMinutes(30));

    /// <summary>Microseconds Redis spent per call of each command in a window (from two <c>INFO commandstats</c> reads).</summary>
    public static Dictionary<string, double> MicrosecondsPerCall(
        IReadOnlyDictionary<string, (long Calls, long Microseconds)> before, IReadOnlyDictionary<string, (long Calls, long Microseconds)> after)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (command, (calls, microseconds)) in after)
        {
            var (calls0, microseconds0) = before.GetValueOrDefault(command);
            if (calls > calls0)
            {
                result[command] = (microseconds - microseconds0) / (double)(calls - calls0);
            }
        }
        return result;
    }

    public static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}

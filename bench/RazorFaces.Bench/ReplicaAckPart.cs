using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RazorFaces.Redis;
using RazorFaces.Session;
using StackExchange.Redis;

namespace RazorFaces.Bench;

/// <summary>
/// What acknowledged-means-durable costs: session saves through the Redis store on a primary with one replica, without
/// replica acks and with <c>ReplicaAcks = 1</c> (a <c>WAIT</c> after every save), in alternating rounds.
/// </summary>
internal sealed class ReplicaAckPart : IBenchPart
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly List<(int Acks, int Clients, List<double> Milliseconds, TimeSpan Elapsed)> _runs = [];
    private BenchSettings _settings = BenchSettings.Full;

    public string Name => "acks";

    public async Task RunAsync(BenchContext context)
    {
        _settings = context.Settings;
        await using var primary = await RedisProcess.StartAsync();
        await using var replica = await RedisProcess.StartAsync("--replicaof", "127.0.0.1", primary.Port.ToString(Invariant));
        while (!(await replica.Connection.GetServer(replica.Configuration).InfoRawAsync("replication"))!.Contains("master_link_status:up", StringComparison.Ordinal))
        {
            await Task.Delay(50);
        }
        foreach (var acks in new[] { 0, 1 })
        {
            using var warm = Connection(primary, acks);
            await RunAsync(new RedisSessionStore(warm), 1, _settings.WarmUp);
        }
        foreach (var clients in BenchSettings.Concurrencies)
        {
            for (var round = 0; round < _settings.StoreRounds; round++)
            {
                foreach (var acks in new[] { 0, 1 })
                {
                    context.Log.WriteLine($"replica acks {acks}, {clients} client(s), round {round + 1}/{_settings.StoreRounds}");
                    using var connection = Connection(primary, acks);
                    var (milliseconds, elapsed) = await RunAsync(new RedisSessionStore(connection), clients, _settings.StoreRoundDuration);
                    _runs.Add((acks, clients, milliseconds, elapsed));
                }
            }
        }
    }

    public IEnumerable<TargetRow> Targets() => [];

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## The cost of replica acks").AppendLine();
        md.AppendLine("Session saves (one changed 200-byte field, as a click writes) through the Redis store on a primary with one replica on loopback, with `ReplicaAcks = 0` and `ReplicaAcks = 1` (`WAIT 1` on the primary after each save); rounds alternate.").AppendLine();
        md.AppendLine("| replica acks | clients | saves | p50 ms | p99 ms | saves/s |").AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var group in _runs.GroupBy(r => (r.Clients, r.Acks)).OrderBy(g => g.Key.Clients).ThenBy(g => g.Key.Acks))
        {
            var all = group.SelectMany(r => r.Milliseconds).Order().ToList();
            var perSecond = all.Count / group.Sum(r => r.Elapsed.TotalSeconds);
            md.AppendLine(Invariant, $"| {group.Key.Acks} | {group.Key.Clients} | {all.Count} | {Percentile(all, 0.5):0.000} | {Percentile(all, 0.99):0.000} | {perSecond:0} |");
        }
        md.AppendLine().AppendLine(Invariant, $"How it is measured: each client saves its own session in a loop for {_settings.StoreRoundDuration.TotalSeconds:0} s per round ({_settings.StoreRounds} rounds per setting and concurrency), after a warm-up; the time is from the call to its answer.").AppendLine();
    }

    private static RedisConnection Connection(RedisProcess primary, int acks) =>
        new(Options.Create(new RazorFacesRedisOptions { Configuration = primary.Configuration, KeyPrefix = "rf-bench-acks:", ReplicaAcks = acks }),
            NullLogger<RedisConnection>.Instance);

    private static async Task<(List<double> Milliseconds, TimeSpan Elapsed)> RunAsync(RedisSessionStore store, int clients, TimeSpan duration)
    {
        var value = new byte[200];
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var id = Guid.NewGuid().ToString("N");
            var times = new List<double>();
            long version = 0;
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                version = await store.SaveAsync(id, new SessionChanges(version, new Dictionary<string, byte[]> { ["bean:Cart"] = value }, [], TimeSpan.FromMinutes(5)))
                    ?? throw new InvalidOperationException("a save was refused");
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return times;
        }));
        return ([.. results.SelectMany(t => t)], clock.Elapsed);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}

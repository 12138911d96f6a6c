using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace RazorFaces.Bench;

/// <summary>
/// The load part's measurements. For each store (in-memory, then Redis), each transport's users are opened once
/// (up to the most users any point needs) and every point takes the first N of them: the latency sweep at the
/// configured per-user rate, then the closed-loop saturation points. The baselines run on the long-poll users'
/// slots, interleaved with that transport's points at the same N and rate: the bare echo (in-memory sweep, over
/// each user's own send connection) and a bare Redis read through one multiplexer (Redis sweep).
/// </summary>
internal sealed class LoadSweep(LoadSettings settings, TextWriter log)
{
    public const string LongPoll = "long-poll";
    public const string SignalR = "SignalR";
    public const string InMemory = "in-memory";
    public const string Redis = "Redis";
    public const string Echo = "Kestrel echo";
    // The echo at saturation again, right before the Redis store's saturation points: the machine drifts over the
    // minutes between the two stores' passes, and a ratio of neighbours is steadier than one of passes apart.
    public const string EchoBesideRedis = "Kestrel echo, beside the Redis points";
    public const string BareRedis = "bare Redis HGET";
    public const string SendsOnly = ", polls closed";
    private const string RedisKey = "bench:load";

    public List<LoadPoint> Latency { get; } = [];

    public List<LoadPoint> Saturation { get; } = [];

    /// <summary>How long opening each series' users took (page GET, then the poll or the hub connection and Watch).</summary>
    public List<(string Series, int Users, double Seconds)> Opened { get; } = [];

    /// <summary>The closed-loop warm-up of each series: not reported, except for its errors.</summary>
    public List<LoadPoint> WarmUps { get; } = [];

    /// <summary>What the push path counted while no point ran (errors there are reported too).</summary>
    public LoadCounters Idle { get; } = new();

    public static string Series(string transport, string store) => $"{transport}, {store}";

    /// <summary>The echo a series' saturation is compared with: the one measured in the same store's pass.</summary>
    public static string EchoBeside(string series) => series.Contains(", " + Redis, StringComparison.Ordinal) ? EchoBesideRedis : Echo;

    public async Task RunAsync()
    {
        await using (var server = await BenchServer.StartAsync())
        {
            await StoreAsync(InMemory, server, null);
        }
        await using var redis = await RedisProcess.StartAsync();
        await using var redisServer = await BenchServer.StartAsync(redis.Configuration);
        // A hash field about the size of a view record, read by key: the cheapest useful Redis round trip.
        await redis.Database.HashSetAsync(RedisKey, "field", new string('x', 200));
        await StoreAsync(Redis, redisServer, redis);
    }

    private async Task StoreAsync(string store, BenchServer server, RedisProcess? redis)
    {
        var most = Math.Max(settings.Users.Max(), settings.Saturation.Max());
        (string, Func<LongPollLoadUser, Task>) baseline = redis is null
            ? (Echo, u => u.EchoAsync())
            : (BareRedis, _ => redis.Database.HashGetAsync(RedisKey, "field"));
        (string, Func<LongPollLoadUser, Task>)? echoBeside = redis is null ? null : (EchoBesideRedis, u => u.EchoAsync());
        await SweepAsync(Series(LongPoll, store), most, () => LongPollLoadUser.OpenAsync(server.Address), baseline, echoBeside);

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, MaxConnectionsPerServer = 16 })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        await SweepAsync(Series(SignalR, store), most, () => SignalRLoadUser.OpenAsync(http, server.Address), null);
    }

    private async Task SweepAsync<TUser>(
        string series, int most, Func<Task<TUser>> open, (string Name, Func<TUser, Task> Send)? baseline,
        (string Name, Func<TUser, Task> Send)? saturationBaseline = null)
        where TUser : LoadUser
    {
        var users = await OpenAsync(series, most, open);
        try
        {
            // The event path's first runs (JIT, first renders, connection pools) are not measured.
            WarmUps.Add(await MeasureAsync("warm-up " + series, users, Math.Min(50, users.Count), u => u.ClickAsync(), null, settings.WarmUp * 2, open));
            foreach (var n in settings.Users)
            {
                if (baseline is { } b)
                {
                    Latency.Add(await MeasureAsync(b.Name, users, n, b.Send, settings.Rate, settings.Point, open, attach: false));
                }
                Latency.Add(await MeasureAsync(series, users, n, u => u.ClickAsync(), settings.Rate, settings.Point, open));
            }
            foreach (var n in settings.Saturation)
            {
                foreach (var b in new[] { baseline, saturationBaseline }.OfType<(string Name, Func<TUser, Task> Send)>())
                {
                    Saturation.Add(await MeasureAsync(b.Name, users, n, b.Send, null, settings.Point, open, attach: false));
                }
                Saturation.Add(await MeasureAsync(series, users, n, u => u.ClickAsync(), null, settings.Point, open));
            }
            if (typeof(TUser) == typeof(LongPollLoadUser))
            {
                await SendsOnlyAsync(series, users, open);
            }
        }
        finally
        {
            await Task.WhenAll(users.Select(u => u.DisposeAsync().AsTask()));
        }
    }

    private async Task<LoadPoint> MeasureAsync<TUser>(
        string series, List<TUser> users, int n, Func<TUser, Task> send, double? rate, TimeSpan duration, Func<Task<TUser>> open,
        bool attach = true)
        where TUser : LoadUser
    {
        // A baseline does not use the users' push paths: whatever those report meanwhile counts as between points.
        void Attach(List<TUser> active, LoadCounters counters) => active.ForEach(u => u.Counters = attach ? counters : Idle);
        var active = users.Take(n).ToList();
        var failed = new ConcurrentBag<int>();
        var label = $"{series}, {n} users" + (rate is { } r ? string.Create(CultureInfo.InvariantCulture, $" at {r:0.##}/s each") : ", closed loop");

        var warmUp = new LoadCounters();
        Attach(active, warmUp);
        await OpenLoopDriver.RunAsync(active, send, rate, settings.WarmUp, warmUp, failed.Add);
        await ReplaceAsync(users, failed, open);

        var counters = new LoadCounters();
        // Warm-up errors are not dropped either: they count with the point they warmed.
        counters.Absorb(warmUp, "warm-up");
        active = users.Take(n).ToList();
        Attach(active, counters);
        double seconds;
        await using (LoadProgress.Start(log, label, counters))
        {
            seconds = await OpenLoopDriver.RunAsync(active, send, rate, duration, counters, failed.Add);
        }
        active.ForEach(u => u.Counters = Idle);
        await ReplaceAsync(users, failed, open);
        return LoadPoint.From(series, n, rate, seconds, counters);
    }

    // What the poll costs at saturation: the same clicks with every poll closed (not how a browser runs).
    private async Task SendsOnlyAsync<TUser>(string series, List<TUser> users, Func<Task<TUser>> open)
        where TUser : LoadUser
    {
        var clients = settings.Saturation.Max();
        await Task.WhenAll(users.OfType<LongPollLoadUser>().Select(u => u.StopPollingAsync()));
        try
        {
            Saturation.Add(await MeasureAsync(series + SendsOnly, users, clients, u => u.ClickAsync(), null, settings.Point, open));
        }
        finally
        {
            // Users replaced meanwhile poll already.
            users.OfType<LongPollLoadUser>().ToList().ForEach(u => u.StartPolling());
        }
    }

    // A user whose send failed may be out of step with its view; the next point gets a freshly opened one instead.
    private async Task ReplaceAsync<TUser>(List<TUser> users, ConcurrentBag<int> failed, Func<Task<TUser>> open)
        where TUser : LoadUser
    {
        while (failed.TryTake(out var index))
        {
            await users[index].DisposeAsync();
            users[index] = await open();
            users[index].Counters = Idle;
        }
    }

    private async Task<List<TUser>> OpenAsync<TUser>(string series, int count, Func<Task<TUser>> open)
        where TUser : LoadUser
    {
        var clock = Stopwatch.StartNew();
        var opened = 0;
        // A few at a time: the server renders each first page, and a burst of 1,000 connects is not what is measured.
        using var gate = new SemaphoreSlim(16);
        var users = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var user = await open();
                user.Counters = Idle;
                if (Interlocked.Increment(ref opened) % 250 == 0)
                {
                    log.WriteLine($"  {series}: {opened}/{count} users open ({clock.Elapsed.TotalSeconds:0.0} s)");
                }
                return user;
            }
            finally
            {
                gate.Release();
            }
        }));
        Opened.Add((series, count, clock.Elapsed.TotalSeconds));
        log.WriteLine($"load: {count} {series} users open in {clock.Elapsed.TotalSeconds:0.0} s");
        return [.. users];
    }
}

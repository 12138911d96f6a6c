using System.Diagnostics;
using AngleSharp.Html.Parser;

namespace RazorFaces.Bench;

/// <summary>
/// Push fan-out (milestone 4): two Demo.App processes on one redis-server, N views of <c>/chat</c> (each its own
/// session) split evenly between them, each watched by the real SignalR client (<see cref="HubClient"/>). A
/// sender on node A posts a chat message over long-poll (<c>change</c> then <c>submit</c>); its handler calls
/// <c>IPushRenderer.RenderAsync("chat")</c>. The time runs from just before the submit is sent to the moment each
/// watcher reads the pushed update carrying that message; the fan-out time of one push is the last watcher's.
/// </summary>
internal static class PushBench
{
    public const int WarmUpPushes = 6;

    public static async Task<PushResult> RunAsync(BenchSettings settings, TextWriter log)
    {
        await using var redis = await RedisProcess.StartAsync();
        var started = await Task.WhenAll(
            DemoProcess.StartAsync("A", LocalPorts.Free(), redis.Configuration),
            DemoProcess.StartAsync("B", LocalPorts.Free(), redis.Configuration));
        await using var a = started[0];
        await using var b = started[1];
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(60) };
        var sender = new SimulatedBrowser(http, a.Address);
        var html = await sender.OpenAsync("/chat");
        var formTarget = new HtmlParser().ParseDocument(html).QuerySelector("form[data-rf]")?.GetAttribute("data-rf")
            ?? throw new InvalidDataException("/chat has no form with a data-rf target.");

        var fanOuts = new List<FanOutResult>();
        PushProfile? profile = null;
        var watchers = new List<Watcher>();
        try
        {
            var pushNumber = 0;
            int[] counts = settings.Quick ? [100, 300] : [100, 1000];
            foreach (var views in counts)
            {
                var clock = Stopwatch.StartNew();
                await AddWatchersAsync(watchers, views - watchers.Count, http, [a.Address, b.Address]);
                log.WriteLine($"push fan-out: {watchers.Count} views watched over SignalR ({clock.Elapsed.TotalSeconds:0.0} s to open)");
                // Warm-up pushes are not counted: the nodes are fresh processes, and the first hundreds of renders of
                // each view run code the JIT has not optimized yet (measured: two warm-ups left the 1,000-view
                // numbers about twice the steady state's).
                var times = new List<double>();
                var perView = new List<double>();
                var counted = settings.Quick ? 5 : 10;
                for (var push = 0; push < WarmUpPushes; push++)
                {
                    await PushOnceAsync(sender, formTarget, watchers, $"m{++pushNumber}x{Guid.NewGuid():N}");
                }
                var cpu = a.CpuTime + b.CpuTime;
                var redisBefore = await redis.CommandStatsAsync();
                for (var push = 0; push < counted; push++)
                {
                    var (last, each) = await PushOnceAsync(sender, formTarget, watchers, $"m{++pushNumber}x{Guid.NewGuid():N}");
                    times.Add(last);
                    perView.AddRange(each);
                }
                var nodeCpu = (a.CpuTime + b.CpuTime - cpu).TotalMicroseconds / (views * counted);
                var redisAfter = await redis.CommandStatsAsync();
                var result = new FanOutResult(views, times, perView);
                log.WriteLine($"  to the last of {views} views: p50 {result.P50Ms:0} ms, p99 {result.P99Ms:0} ms; per view p50 {result.PerViewP50Ms:0} ms; nodes' CPU {nodeCpu:0} µs per view per push");
                fanOuts.Add(result);
                if (views == counts[^1])
                {
                    // The last number of views: see where the CPU goes, after the measured pushes.
                    var stacks = await CpuSampler.SampleAsync(a.ProcessId, async () =>
                    {
                        for (var push = 0; push < PushProfile.ProfiledPushes; push++)
                        {
                            await PushOnceAsync(sender, formTarget, watchers, $"m{++pushNumber}x{Guid.NewGuid():N}");
                        }
                    });
                    var calls = redisAfter.Where(c => c.Value.Calls - redisBefore.GetValueOrDefault(c.Key).Calls >= views * counted / 10)
                        .ToDictionary(c => c.Key, c => (double)(c.Value.Calls - redisBefore.GetValueOrDefault(c.Key).Calls) / (views * counted), StringComparer.Ordinal);
                    var redisCpu = (double)(redisAfter.Values.Sum(c => c.Microseconds) - redisBefore.Values.Sum(c => c.Microseconds)) / (views * counted);
                    profile = new PushProfile(views, counted, nodeCpu, redisCpu, calls,
                        stacks.GroupBy(PushProfile.StageOf).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
                    if (Environment.GetEnvironmentVariable("RF_PROFILE_STACKS") is { Length: > 0 } path)
                    {
                        File.WriteAllLines(path, stacks.Select(s => PushProfile.StageOf(s) + "\t" + string.Join(" < ", s)));
                    }
                }
            }
        }
        catch (TimeoutException)
        {
            // A push that never reached every view: what the nodes logged says why.
            var lines = $"{a.Output()}\n{b.Output()}".Split('\n');
            log.WriteLine($"push fan-out: a push did not reach every view within 30 s; the nodes logged:\n{string.Join('\n', lines.TakeLast(40))}");
            throw;
        }
        finally
        {
            await Task.WhenAll(watchers.Select(w => w.Hub.DisposeAsync().AsTask()));
        }
        return new PushResult(fanOuts, profile);
    }

    // Opens /chat, connects and watches, 16 at a time; views alternate between the nodes.
    private static async Task AddWatchersAsync(List<Watcher> watchers, int count, HttpClient http, Uri[] nodes)
    {
        var start = watchers.Count;
        using var gate = new SemaphoreSlim(16);
        var added = await Task.WhenAll(Enumerable.Range(start, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var node = nodes[i % nodes.Length];
                var browser = new SimulatedBrowser(http, node);
                await browser.OpenAsync("/chat");
                var hub = await HubClient.ConnectAsync(http, node, "rf-session=" + browser.SessionId, browser.Page.Token);
                var watcher = new Watcher(hub);
                var answer = await hub.InvokeAsync("Watch", browser.Page.ViewId, browser.Number, new Uri(node, "chat").ToString());
                if (answer != "[]")
                {
                    throw new InvalidDataException("Watch answered " + answer);
                }
                return watcher;
            }
            finally
            {
                gate.Release();
            }
        }));
        watchers.AddRange(added);
    }

    private static async Task<(double Last, List<double> Each)> PushOnceAsync(SimulatedBrowser sender, string formTarget, List<Watcher> watchers, string text)
    {
        foreach (var watcher in watchers)
        {
            watcher.Expect(text);
        }
        (await sender.SendEventAsync(sender.Page.Target("message"), "change", $"{{\"value\":\"{text}\"}}")).Dispose();
        var started = Stopwatch.GetTimestamp();
        (await sender.SendEventAsync(formTarget, "submit", "{}")).Dispose();
        var arrivals = await Task.WhenAll(watchers.Select(w => w.Arrived)).WaitAsync(TimeSpan.FromSeconds(30));
        var each = arrivals.Select(t => Stopwatch.GetElapsedTime(started, t).TotalMilliseconds).ToList();
        return (each.Max(), each);
    }

    /// <summary>One view's hub connection, waiting for the push that carries one text.</summary>
    private sealed class Watcher
    {
        private TaskCompletionSource<long> _arrived = new();
        private string _text = string.Empty;

        public Watcher(HubClient hub)
        {
            Hub = hub;
            hub.Pushed = (frame, at) =>
            {
                var text = Volatile.Read(ref _text);
                if (text.Length > 0 && frame.Contains(text, StringComparison.Ordinal))
                {
                    Volatile.Read(ref _arrived).TrySetResult(at);
                }
            };
        }

        public HubClient Hub { get; }

        public Task<long> Arrived => Volatile.Read(ref _arrived).Task;

        public void Expect(string text)
        {
            Volatile.Write(ref _arrived, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
            Volatile.Write(ref _text, text);
        }
    }
}

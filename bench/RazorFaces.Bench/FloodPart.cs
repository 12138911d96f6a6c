using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>
/// A flood of cookieless page loads against one in-memory Demo.App process (each starts a session and a view), twice,
/// with the sessions left to end in between: the node's resident memory at each step, what the flood was answered,
/// and how long <c>/healthz</c> took meanwhile. Once with the default caps, once with low ones, to show what
/// <c>Sessions.MaxPerNode</c> and <c>Views.MaxLivePerNode</c> do. docs/security.md quotes the figures.
/// </summary>
internal sealed class FloodPart : IBenchPart
{
    // Short, so the sessions of a flood end within the run: 20 s, then the end service's 5 s and the view expiry's 15 s.
    private const string SessionTimeout = "00:00:20";
    private static readonly TimeSpan EndWait = TimeSpan.FromSeconds(50);
    private const int Concurrency = 16;

    private readonly List<FloodRun> _runs = [];
    private int _requests;

    public string Name => "flood";

    public async Task RunAsync(BenchContext context)
    {
        _requests = context.Settings.Quick ? 4_000 : 20_000;
        _runs.Add(await RunScenarioAsync(context, "default caps", []));
        _runs.Add(await RunScenarioAsync(context, "Sessions.MaxPerNode 5,000, Views.MaxLivePerNode 2,000",
            ["--RazorFaces:Sessions:MaxPerNode", "5000", "--RazorFaces:Views:MaxLivePerNode", "2000"]));
    }

    public IEnumerable<TargetRow> Targets() => [];

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## Flood: cookieless page loads against one node");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{_requests:N0} `GET /counter` without a cookie, {Concurrency} at a time, against one in-memory Demo.App process (sessions time out after 20 s); then {EndWait.TotalSeconds:0} s for them to end; then the same again. Resident memory (RSS) of the node after each step.");
        md.AppendLine();
        md.AppendLine("| caps | RSS at start | after flood 1 | after its sessions ended | after flood 2 | after its sessions ended | flood answered | `/healthz` p50 / max during floods | unknown cookie after flood 1, p50 |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var run in _runs)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Caps} | {run.Rss[0]:F0} MB | {run.Rss[1]:F0} MB | {run.Rss[2]:F0} MB | {run.Rss[3]:F0} MB | {run.Rss[4]:F0} MB | {run.Answers} | {run.HealthP50:F1} / {run.HealthMax:F0} ms | {run.UnknownCookieP50:F2} ms |");
        }
        md.AppendLine();
    }

    private async Task<FloodRun> RunScenarioAsync(BenchContext context, string caps, string[] arguments)
    {
        await using var node = await DemoProcess.StartAsync("flood", LocalPorts.Free(), redis: null,
            ["--RazorFaces:Sessions:Timeout", SessionTimeout, .. arguments]);
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = Concurrency }) { BaseAddress = node.Address };
        using (await http.GetAsync(new Uri("counter", UriKind.Relative)))
        {
        }
        var rss = new List<double> { node.ResidentMegabytes() };
        var unknownCookie = 0.0;
        var answers = new Dictionary<HttpStatusCode, int>();
        var health = new List<double>();
        for (var flood = 1; flood <= 2; flood++)
        {
            var clock = Stopwatch.StartNew();
            await FloodAsync(http, answers, health);
            rss.Add(node.ResidentMegabytes());
            context.Log.WriteLine($"  {caps}: flood {flood} in {clock.Elapsed.TotalSeconds:F1} s, RSS {rss[^1]:F0} MB");
            if (flood == 1)
            {
                unknownCookie = await UnknownCookieAsync(http);
            }
            await Task.Delay(EndWait);
            rss.Add(node.ResidentMegabytes());
            context.Log.WriteLine($"  {caps}: {EndWait.TotalSeconds:0} s later, RSS {rss[^1]:F0} MB");
        }
        health.Sort();
        var answered = string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Value:N0} × {(int)a.Key}"));
        return new FloodRun(caps, rss, answered, health.Count == 0 ? 0 : health[health.Count / 2], health.Count == 0 ? 0 : health[^1], unknownCookie);
    }

    private async Task FloodAsync(HttpClient http, Dictionary<HttpStatusCode, int> answers, List<double> health)
    {
        var next = 0;
        using var done = new CancellationTokenSource();
        var probing = Task.Run(async () =>
        {
            using var probe = new HttpClient { BaseAddress = http.BaseAddress };
            while (!done.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                using (await probe.GetAsync(new Uri("healthz", UriKind.Relative)))
                {
                }
                lock (health)
                {
                    health.Add(clock.Elapsed.TotalMilliseconds);
                }
                await Task.Delay(100);
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= _requests)
            {
                using var response = await http.GetAsync(new Uri("counter", UriKind.Relative));
                await response.Content.LoadIntoBufferAsync();
                lock (answers)
                {
                    answers[response.StatusCode] = answers.GetValueOrDefault(response.StatusCode) + 1;
                }
            }
        }));
        await done.CancelAsync();
        await probing;
    }

    // With the flood's views live: a message carrying a session cookie nobody knows (answered 410), p50 of 200. Its
    // cost must not grow with the views of other sessions (it used to scan them all).
    private static async Task<double> UnknownCookieAsync(HttpClient http)
    {
        var times = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "_rf/send")
            {
                Content = new StringContent("{\"t\":\"close\",\"view\":\"v\"}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Cookie", "rf-session=" + Guid.NewGuid().ToString("N"));
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private sealed record FloodRun(string Caps, List<double> Rss, string Answers, double HealthP50, double HealthMax, double UnknownCookieP50);
}

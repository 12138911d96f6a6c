using System.Diagnostics;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>
/// Blazor Server measured beside RazorFaces in the same run: bench/BlazorServerPeer (the same /counter and /todos
/// pages as Demo.App) and Demo.App, both Release builds, both processes on loopback, driven by real Chromium pages.
/// </summary>
internal sealed class PeerPart : IBenchPart
{
    private const string RazorFaces = "RazorFaces (SignalR)";
    private const string RazorFacesLongPoll = "RazorFaces (long-poll)";
    private const string Blazor = "Blazor Server";

    private readonly PeerResults _results = new();

    public string Name => "peer";

    public async Task RunAsync(BenchContext context)
    {
        var log = context.Log;
        var quick = context.Settings.Quick;
        var peerAssembly = await PublishPeerAsync(log);
        _results.LoadAtStart = MachineInfo.LoadAverage();
        await using var browser = await PeerBrowser.LaunchAsync();
        await using var rfNode = await AppProcess.StartAsync(RepoPaths.DemoAssembly, "--node", "rf");
        await using var longPollNode = await AppProcess.StartAsync(RepoPaths.DemoAssembly, "--node", "rf-longpoll", "--transport", "longpoll");
        await using var blazorNode = await AppProcess.StartAsync(peerAssembly, "--node", "blazor");
        var rf = new PeerApp(RazorFaces, rfNode, IsRazorFaces: true);
        var longPoll = new PeerApp(RazorFacesLongPoll, longPollNode, IsRazorFaces: true);
        var blazor = new PeerApp(Blazor, blazorNode, IsRazorFaces: false);

        // Memory first, on fresh processes: Blazor keeps a closed page's circuit for minutes (disconnected
        // circuits are retained for a reconnect), which would otherwise sit in the baseline and expire during it.
        // 200 pages per app did not fit a shared 2-core machine: Chromium's renderers for 200 contexts pushed the load
        // past 80 and page opens past their time limit.
        _results.Counts = quick ? [10, 40] : [50, 100];
        foreach (var app in new[] { rf, blazor })
        {
            _results.Memory.AddRange(await PeerMeasure.MemoryAsync(browser, app, _results.Counts, log));
        }

        var clicks = quick ? 100 : 400;
        foreach (var app in new[] { rf, longPoll, blazor })
        {
            var roundTrip = await PeerMeasure.RoundTripAsync(browser, app, clicks);
            _results.RoundTrips.Add(roundTrip);
            log.WriteLine($"peer: {app.Name}, click → DOM updated over {roundTrip.Clicks} clicks: p50 {roundTrip.P50:0.00} ms, p99 {roundTrip.P99:0.00} ms");
        }

        foreach (var (app, transport) in new[] { (rf, "WebSocket (SignalR, JSON)"), (longPoll, "long-poll (HTTP)"), (blazor, "WebSocket (SignalR, blazorpack)") })
        {
            var wire = await PeerWire.MeasureAsync(browser, app, transport);
            _results.Wire.Add(wire);
            log.WriteLine($"peer: {app.Name}, per click: {wire.Sent:0} bytes sent, {wire.Received:0} received, {wire.Messages:0.0} messages, {wire.HeaderBytes:0} header bytes");
        }

        _results.SaturationPages = quick ? 6 : 16;
        var duration = TimeSpan.FromSeconds(quick ? 4 : 10);
        foreach (var app in new[] { rf, longPoll, blazor })
        {
            var saturation = await PeerMeasure.SaturationAsync(browser, app, _results.SaturationPages, duration);
            _results.Saturation.Add(saturation);
            log.WriteLine($"peer: {app.Name}, {saturation.Pages} pages clicking: {saturation.EventsPerSecond:0} events/s, server {saturation.ServerCores:P0} of a core, {saturation.ServerCpuMsPerEvent:0.000} ms CPU per event");
        }
        await longPollNode.KillAsync();

        // The kills last: they end the processes' state. RazorFaces twice, in-memory (a single node's state dies
        // with it, like a circuit) and on Redis (the session object replicated, as in a cluster).
        await using var redis = await RedisProcess.StartAsync();
        await using var redisNode = await AppProcess.StartAsync(RepoPaths.DemoAssembly, "--node", "rf-redis", "--redis", redis.Configuration);
        foreach (var app in new[] { new PeerApp("RazorFaces (SignalR, in-memory store)", rfNode, true), new PeerApp("RazorFaces (SignalR, Redis store)", redisNode, true), blazor })
        {
            var kill = await PeerKill.RunAsync(browser, app);
            _results.Kills.Add(kill);
            log.WriteLine($"peer: {app.Name} SIGKILL: restarted in {kill.RestartMs:0} ms; first answered click after {kill.AnsweredMs?.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "—"} ms showing {kill.CountAfter ?? "nothing"} (was 3); {kill.Reloads} reload(s); seen: {string.Join(" → ", kill.Seen.Select(s => $"{s.Ms:0} ms {s.State}"))}");
        }
        _results.LoadAtEnd = MachineInfo.LoadAverage();
    }

    public IEnumerable<TargetRow> Targets() => [];

    public void WriteSection(StringBuilder md) => PeerReport.Write(md, _results);

    // The peer is published when the part runs (never by the solution build or the tests), into its bin/ folder,
    // which git ignores.
    private static async Task<string> PublishPeerAsync(TextWriter log)
    {
        var root = RepoPaths.Root() ?? throw new InvalidOperationException("Run the benchmark inside the repository (it publishes bench/BlazorServerPeer).");
        var project = Path.Combine(root, "bench", "BlazorServerPeer");
        var output = Path.Combine(project, "bin", "publish");
        log.WriteLine($"peer: dotnet publish {project} -c Release -o {output}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "quiet" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run dotnet publish.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Publishing the Blazor Server peer failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
        return Path.Combine(output, "BlazorServerPeer.dll");
    }
}

/// <summary>What the peer part measured, kept until the report is written.</summary>
internal sealed class PeerResults
{
    public IReadOnlyList<int> Counts { get; set; } = [];
    public int SaturationPages { get; set; }
    public string LoadAtStart { get; set; } = "";
    public string LoadAtEnd { get; set; } = "";
    public List<PeerMemoryResult> Memory { get; } = [];
    public List<PeerRoundTripResult> RoundTrips { get; } = [];
    public List<PeerWireResult> Wire { get; } = [];
    public List<PeerSaturationResult> Saturation { get; } = [];
    public List<PeerKillResult> Kills { get; } = [];
}

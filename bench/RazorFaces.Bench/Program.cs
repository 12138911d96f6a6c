using System.Diagnostics;

namespace RazorFaces.Bench;

/// <summary>
/// The benchmark: event round trip vs a bare Kestrel echo, patch bytes of a counter increment and memory per
/// live view (milestone 1); stored session and view sizes, memory per live and per passivated view
/// (milestone 2); failover recovery time and the Redis store's cost per event (milestone 3); the event round trip
/// over SignalR vs long-poll and push fan-out to 100 and 1,000 views on two nodes (milestone 4). Writes
/// docs/performance.md. Not part of the test run.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var settings = args.Contains("--quick") ? BenchSettings.QuickRun : BenchSettings.Full;
        var output = OutputPath(args);
        var log = Console.Out;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var machine = MachineInfo.Current();
        log.WriteLine($"RazorFaces benchmark ({(settings.Quick ? "quick" : "full")}) on {machine.Cpu}, {machine.Cores} cores, load {machine.Load}");

        await using var server = await BenchServer.StartAsync();
        log.WriteLine($"server on {server.Address}");
        var payload = await PayloadResult.MeasureAsync(server);
        var latencies = await RoundTripBench.RunAsync(server, settings, log);
        var memory = await MemoryProbe.RunAsync(server, settings, log);
        var sessionSizes = await SessionSizeProbe.RunAsync(server, log);
        var passivation = await PassivationProbe.RunAsync(server, settings, log);
        var store = await StoreBench.RunAsync(server, settings, log);
        var failover = await FailoverBench.RunAsync(settings, log);
        var transports = await TransportBench.RunAsync(server, settings, log);
        var push = await PushBench.RunAsync(settings, log);

        var results = new BenchResults(started, clock.Elapsed, settings, machine, MachineInfo.LoadAverage(), latencies, payload, memory, sessionSizes, passivation, store, failover, transports, push);
        var report = ReportWriter.Write(results);
        log.WriteLine();
        log.WriteLine(report);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report);
            log.WriteLine($"wrote {output}");
        }
        return 0;
    }

    private static string? OutputPath(string[] args)
    {
        if (args.Contains("--no-report"))
        {
            return null;
        }
        var index = Array.IndexOf(args, "--out");
        if (index >= 0 && index + 1 < args.Length)
        {
            return Path.GetFullPath(args[index + 1]);
        }
        return RepoPaths.Root() is { } root ? Path.Combine(root, "docs", "performance.md") : Path.GetFullPath("performance.md");
    }
}

using System.Diagnostics;

namespace RazorFaces.Bench;

/// <summary>
/// The benchmark: every <see cref="IBenchPart"/> measures one thing against a baseline taken in the same run; the
/// report (docs/performance.md) gathers their targets and sections, and parts write their plots next to it.
/// Not part of the test run.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        IBenchPart[] all =
        [
            new RoundTripPart(),
            new LoadPart(),
            new WirePart(),
            new ViewMemoryPart(),
            new BreakdownPart(),
            new CompactionPart(),
            new SessionFormatPart(),
            new HubProtocolPart(),
            new InteropPart(),
            new UploadPart(),
            new StorePart(),
            new ReplicaAckPart(),
            new RedisFailoverPart(),
            new TransportPart(),
            new FailoverPart(),
            new PushPart(),
            new ProfilePart(),
            new FloodPart(),
            new PeerPart(),
        ];
        var only = Option(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = only?.Except(all.Select(p => p.Name)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Unknown part(s): {string.Join(", ", unknown)}. Parts: {string.Join(", ", all.Select(p => p.Name))}.");
            return 2;
        }
        var parts = only is null ? all : all.Where(p => only.Contains(p.Name)).ToArray();
        var settings = args.Contains("--quick") ? BenchSettings.QuickRun : BenchSettings.Full;
        // Measures a live view's memory and an event's cost as they were before the frame buffers were compacted.
        RazorFaces.Rendering.RenderBufferCompactor.Enabled = !args.Contains("--no-compaction");
        var output = OutputPath(args, partial: only is not null);
        var log = Console.Out;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var machine = MachineInfo.Current();
        log.WriteLine($"RazorFaces benchmark ({(settings.Quick ? "quick" : "full")}{(RazorFaces.Rendering.RenderBufferCompactor.Enabled ? "" : ", frame buffers not compacted")}: {string.Join(", ", parts.Select(p => p.Name))}) on {machine.Cpu}, {machine.Cores} cores, load {machine.Load}");

        var plots = Path.GetDirectoryName(output) ?? Path.Combine(Path.GetTempPath(), "razorfaces-bench");
        Directory.CreateDirectory(plots);
        await using (var context = new BenchContext(settings, log, plots))
        {
            foreach (var part in parts)
            {
                log.WriteLine($"== {part.Name} ({clock.Elapsed.TotalSeconds:0} s)");
                await part.RunAsync(context);
            }
        }

        var report = ReportWriter.Write(new RunInfo(started, clock.Elapsed, settings, machine, MachineInfo.LoadAverage()), parts);
        log.WriteLine();
        log.WriteLine(report);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report);
            log.WriteLine($"wrote {output}");
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    // A partial run (--only) must not replace the full report unless asked to with --out.
    private static string? OutputPath(string[] args, bool partial)
    {
        if (args.Contains("--no-report"))
        {
            return null;
        }
        if (Option(args, "--out") is { } path)
        {
            return Path.GetFullPath(path);
        }
        if (partial)
        {
            return null;
        }
        return RepoPaths.Root() is { } root ? Path.Combine(root, "docs", "performance.md") : Path.GetFullPath("performance.md");
    }
}

using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace RazorFaces.Bench;

/// <summary>
/// A sampling CPU profile of this process or another .NET process on the machine: an EventPipe session (the runtime's sample profiler, every managed
/// thread about once a millisecond, with rundown for method names) while <c>work</c> runs, then every sample's
/// resolved call stack, leaf first.
/// </summary>
internal static class CpuSampler
{
    private const string SampleProvider = "Microsoft-DotNETCore-SampleProfiler";

    /// <summary>Runs <paramref name="work"/> under the profiler; returns the stacks of samples taken while a thread ran managed code.</summary>
    public static Task<List<string[]>> SampleAsync(Func<Task> work) => SampleAsync(Environment.ProcessId, work);

    /// <summary>The same for the process <paramref name="processId"/> (a Demo.App node the benchmark started).</summary>
    public static async Task<List<string[]>> SampleAsync(int processId, Func<Task> work)
    {
        var path = Path.Combine(Path.GetTempPath(), $"razorfaces-profile-{processId}.nettrace");
        var client = new DiagnosticsClient(processId);
        EventPipeProvider[] providers =
        [
            new(SampleProvider, EventLevel.Informational),
            new("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)(ClrTraceEventParser.Keywords.Jit | ClrTraceEventParser.Keywords.Loader)),
        ];
        try
        {
            using (var session = client.StartEventPipeSession(providers, requestRundown: true, circularBufferMB: 512))
            {
                await using var file = File.Create(path);
                var copy = session.EventStream.CopyToAsync(file);
                await work();
                await session.StopAsync(CancellationToken.None);
                await copy;
            }
            return Stacks(path);
        }
        finally
        {
            File.Delete(path);
            File.Delete(Path.ChangeExtension(path, ".etlx"));
        }
    }

    private static List<string[]> Stacks(string path)
    {
        var stacks = new List<string[]>();
        using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(path));
        foreach (var sample in log.Events.Where(e => e.ProviderName == SampleProvider))
        {
            // Type 2: the thread was running managed code; 1: outside it (waiting, in a syscall or in the runtime).
            if (sample.PayloadByName("Type") is { } type && Convert.ToInt32(type, System.Globalization.CultureInfo.InvariantCulture) != 2)
            {
                continue;
            }
            var frames = new List<string>();
            for (var frame = sample.CallStack(); frame is not null; frame = frame.Caller)
            {
                frames.Add(frame.CodeAddress.FullMethodName is { Length: > 0 } name ? name : "?" + frame.CodeAddress.ModuleName);
            }
            stacks.Add([.. frames]);
        }
        return stacks;
    }
}

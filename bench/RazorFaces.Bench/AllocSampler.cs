using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace RazorFaces.Bench;

internal static class AllocSampler
{
    public static async Task<List<(string Type, long Bytes, string[] Stack)>> SampleAsync(Func<Task> work)
    {
        var path = Path.Combine(Path.GetTempPath(), $"razorfaces-alloc-{Environment.ProcessId}.nettrace");
        var client = new DiagnosticsClient(Environment.ProcessId);
        EventPipeProvider[] providers =
        [
            new("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.Jit | ClrTraceEventParser.Keywords.Loader)),
        ];
        using (var session = client.StartEventPipeSession(providers, requestRundown: true, circularBufferMB: 512))
        {
            await using var file = File.Create(path);
            var copy = session.EventStream.CopyToAsync(file);
            await work();
            await session.StopAsync(CancellationToken.None);
            await copy;
        }
        var result = new List<(string, long, string[])>();
        using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(path));
        foreach (var e in log.Events.Where(e => e.EventName.StartsWith("GC/AllocationTick", StringComparison.Ordinal)))
        {
            var frames = new List<string>();
            for (var frame = e.CallStack(); frame is not null; frame = frame.Caller)
            {
                frames.Add(frame.CodeAddress.FullMethodName is { Length: > 0 } name ? name : "?" + frame.CodeAddress.ModuleName);
            }
            result.Add((e.PayloadByName("TypeName")?.ToString() ?? "?", Convert.ToInt64(e.PayloadByName("AllocationAmount64") ?? e.PayloadByName("AllocationAmount"), System.Globalization.CultureInfo.InvariantCulture), [.. frames]));
        }
        return result;
    }
}

using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace RazorFaces.Bench;

/// <summary>
/// The GC heap of another .NET process after a full blocking collection, read over EventPipe as dotnet-gcdump does:
/// a session with the runtime's <c>GCHeapCollect</c> keyword makes the process run an induced gen-2 GC, and the
/// <c>GCHeapStats</c> event after it gives every generation's size. Neither app needs an endpoint for it.
/// </summary>
internal static class HeapProbe
{
    /// <summary>Bytes in the GC heap (all generations, large and pinned object heaps) after two induced full GCs.</summary>
    public static async Task<long> HeapAfterFullGcAsync(int processId)
    {
        // The first collection runs finalizers whose objects the second one frees.
        await InducedCollectionAsync(processId);
        return await InducedCollectionAsync(processId);
    }

    private static async Task<long> InducedCollectionAsync(int processId)
    {
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        var client = new DiagnosticsClient(processId);
        using var session = client.StartEventPipeSession(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords)], requestRundown: false);
        var result = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            var induced = false;
            source.Clr.GCStart += e => induced |= e.Reason == GCReason.Induced && e.Depth == 2;
            source.Clr.GCHeapStats += e =>
            {
                if (induced)
                {
                    result.TrySetResult(e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4);
                }
            };
            source.Process();
        });
        var finished = await Task.WhenAny(result.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        await session.StopAsync(CancellationToken.None);
        await reading;
        return finished == result.Task
            ? await result.Task
            : throw new TimeoutException($"Process {processId} ran no induced full GC within 60 s of the EventPipe session.");
    }
}

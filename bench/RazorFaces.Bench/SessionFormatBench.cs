using System.Diagnostics;
using RazorFaces.Session;
using RazorFaces.State;

namespace RazorFaces.Bench;

/// <summary>One demo page's session object in both stored formats: bytes, and the time to encode and decode it.</summary>
internal sealed record SessionFormatResult(string Scenario, int JsonBytes, int MessagePackBytes,
    double JsonSerializeUs, double MessagePackSerializeUs, double JsonDeserializeUs, double MessagePackDeserializeUs,
    long JsonSerializeAllocated, long MessagePackSerializeAllocated, long JsonDeserializeAllocated, long MessagePackDeserializeAllocated);

/// <summary>
/// Drives every demo page with state on two servers, one storing JSON and one MessagePack, then encodes and decodes
/// each stored session object with its own serializer, alternating the formats round by round.
/// </summary>
internal static class SessionFormatBench
{
    public static async Task<List<SessionFormatResult>> RunAsync(BenchSettings settings, TextWriter log)
    {
        await using var json = await BenchServer.StartAsync(format: SessionFormat.Json);
        await using var msgpack = await BenchServer.StartAsync(format: SessionFormat.MessagePack);
        using var http = HttpClients.Create();
        var rounds = settings.Quick ? 3 : 9;
        var iterations = settings.Quick ? 2000 : 20000;
        var results = new List<SessionFormatResult>();
        foreach (var (path, scenario, use) in SessionSizeProbe.Scenarios)
        {
            var jsonSample = await SampleAsync(json, http, path, use);
            var packedSample = await SampleAsync(msgpack, http, path, use);
            var (jsonWrite, jsonRead, packedWrite, packedRead) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            for (var round = 0; round < rounds; round++)
            {
                jsonWrite.Add(Time(iterations, () => SessionCodec.EncodeAll(jsonSample.State(), jsonSample.Serializer), jsonSample));
                packedWrite.Add(Time(iterations, () => SessionCodec.EncodeAll(packedSample.State(), packedSample.Serializer), packedSample));
                jsonRead.Add(Time(iterations, () => jsonSample.Decode(), jsonSample));
                packedRead.Add(Time(iterations, () => packedSample.Decode(), packedSample));
            }
            var result = new SessionFormatResult(scenario, jsonSample.Bytes, packedSample.Bytes,
                jsonWrite.Min(), packedWrite.Min(), jsonRead.Min(), packedRead.Min(),
                Allocated(() => SessionCodec.EncodeAll(jsonSample.State(), jsonSample.Serializer)),
                Allocated(() => SessionCodec.EncodeAll(packedSample.State(), packedSample.Serializer)),
                Allocated(jsonSample.Decode), Allocated(packedSample.Decode));
            log.WriteLine($"{scenario}: JSON {result.JsonBytes} B, MessagePack {result.MessagePackBytes} B; " +
                $"write {result.JsonSerializeUs:0.0}/{result.MessagePackSerializeUs:0.0} µs, read {result.JsonDeserializeUs:0.0}/{result.MessagePackDeserializeUs:0.0} µs");
            results.Add(result);
        }
        return results;
    }

    private static async Task<Sample> SampleAsync(BenchServer server, HttpClient http, string path, Func<SimulatedBrowser, Task> use)
    {
        var browser = await SessionSizeProbe.DriveAsync(server, http, path, use);
        var fields = await SessionSizeProbe.FieldsAsync(server.Services.GetRequiredService<ISessionStore>(), browser.SessionId);
        var beans = server.Services.GetServices<BeanDescriptor>().ToDictionary(b => b.Key, StringComparer.Ordinal);
        return new Sample(server.Services.GetRequiredService<ISessionSerializer>(), fields, beans);
    }

    // Per-operation microseconds of one round; the result is kept alive so the work is not optimized away.
    private static double Time(int iterations, Func<object> operation, Sample sample)
    {
        operation();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            sample.Sink = operation();
        }
        return clock.Elapsed.TotalMicroseconds / iterations;
    }

    // Bytes allocated by one operation (after warm-up): unlike time, not disturbed by other work on the machine.
    private static long Allocated(Func<object> operation)
    {
        operation();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = operation();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(result);
        return allocated;
    }

    /// <summary>A stored session: decoding it is reading the store's fields (with every bean, as a request that uses them does).</summary>
    private sealed class Sample(ISessionSerializer serializer, IReadOnlyDictionary<string, byte[]> fields, IReadOnlyDictionary<string, BeanDescriptor> beans)
    {
        private SessionState? _decoded;

        public ISessionSerializer Serializer => serializer;

        public int Bytes { get; } = fields.Values.Sum(v => v.Length);

        public object? Sink { get; set; }

        /// <summary>The session decoded once, with its beans live: what a node encodes after a request.</summary>
        public SessionState State() => _decoded ??= Decode();

        public SessionState Decode()
        {
            var state = SessionCodec.Decode(new StoredSession(1, fields), serializer, beans);
            foreach (var bean in beans.Values.Where(b => b.Scope == BeanScope.Session && state.Beans.ContainsKey(b.Key)))
            {
                state.GetBean(bean, serializer);
            }
            return state;
        }
    }
}

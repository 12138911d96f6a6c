namespace RazorFaces.Bench;

/// <summary>Splits a /counter view's memory into its parts (filled in below).</summary>
internal static class MemoryBreakdown
{
    public static Task<List<MemoryPart>> RunAsync(BenchServer server, BenchSettings settings, TextWriter log) =>
        Task.FromResult(new List<MemoryPart>());
}

namespace RazorFaces.Bench;

/// <summary>What every part of one benchmark run shares.</summary>
/// <param name="Settings">Full run or <c>--quick</c>.</param>
/// <param name="Log">Progress lines (the console).</param>
/// <param name="PlotDirectory">Where parts write their plots (SVG), next to the report: <c>docs/</c> by default.</param>
internal sealed class BenchContext(BenchSettings settings, TextWriter log, string plotDirectory) : IAsyncDisposable
{
    private BenchServer? _server;

    public BenchSettings Settings { get; } = settings;

    public TextWriter Log { get; } = log;

    public string PlotDirectory { get; } = plotDirectory;

    /// <summary>The shared in-process server (in-memory store, echo endpoint), started on first use.</summary>
    public async Task<BenchServer> ServerAsync() => _server ??= await BenchServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

using System.Text;

namespace RazorFaces.Bench;

/// <summary>
/// The load part (<c>--only load</c>): simulated users speaking the real protocol over long-poll and SignalR,
/// each at its own /counter view; the event round trip p50/p99 against concurrent users on the in-memory and the
/// Redis store, events per second at saturation, both against baselines measured in the same run (a bare Kestrel
/// echo, a bare Redis read). Writes <see cref="PlotFile"/> next to the report.
/// </summary>
internal sealed class LoadPart : IBenchPart
{
    public const string PlotFile = "latency-vs-users.svg";

    private LoadSettings? _settings;
    private LoadSweep? _sweep;
    private string _openFiles = "n/a";

    public string Name => "load";

    public async Task RunAsync(BenchContext context)
    {
        _settings = LoadSettings.For(context.Settings, Environment.GetCommandLineArgs());
        _openFiles = OpenFilesLimit();
        context.Log.WriteLine($"load: users {string.Join(", ", _settings.Users)} at {_settings.Rate} events/s each; saturation with {string.Join(", ", _settings.Saturation)} clients; open files limit {_openFiles}");
        _sweep = new LoadSweep(_settings, context.Log);
        await _sweep.RunAsync();
        Directory.CreateDirectory(context.PlotDirectory);
        var plot = Path.Combine(context.PlotDirectory, PlotFile);
        await File.WriteAllTextAsync(plot, SvgChart.Render(LoadReport.Chart(_sweep, _settings)));
        context.Log.WriteLine($"load: wrote {plot}");
    }

    public IEnumerable<TargetRow> Targets() =>
        _sweep is null || _settings is null ? [] : LoadReport.Targets(_sweep, _settings);

    public void WriteSection(StringBuilder md)
    {
        if (_sweep is not null && _settings is not null)
        {
            LoadReport.Write(md, _sweep, _settings, _openFiles);
        }
    }

    // Each long-poll user holds two client sockets and the server two more: 1,000 users need about 4,000 descriptors.
    private static string OpenFilesLimit()
    {
        const string limits = "/proc/self/limits";
        var line = File.Exists(limits) ? File.ReadLines(limits).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal)) : null;
        return line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3] ?? "n/a";
    }
}

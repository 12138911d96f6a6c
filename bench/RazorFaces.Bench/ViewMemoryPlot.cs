using System.Globalization;

namespace RazorFaces.Bench;

/// <summary>The memory-vs-views plot: KB per view against views, live and passivated, with the targets and peers as reference lines.</summary>
internal static class ViewMemoryPlot
{
    /// <summary>Writes the SVG into <paramref name="directory"/>; returns its file name, for the report's link.</summary>
    public static string Write(IReadOnlyList<ViewMemoryResult> results, string directory, string fileName)
    {
        var (from, to) = (results.Min(r => r.Views), results.Max(r => r.Views));
        var series = new List<ChartSeries>
        {
            new("live view", [.. results.Select(r => ((double)r.Views, r.LiveBytesPerView / 1024.0))]),
            new("passivated view", [.. results.Select(r => ((double)r.Views, r.PassivatedBytesPerView / 1024.0))]),
            Reference("target: live ≤ 25 KB", 25, from, to),
            Reference("target: passivated ≤ 4 KB", 4, from, to),
        };
        series.AddRange(ViewMemoryPart.Peers.Select(p => Reference(p.Name, p.Kb, from, to)));
        var svg = SvgChart.Render(new ChartSpec(
            "Server memory per /counter view", "views on one node", "KB per view", series, LogX: true, LogY: true));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, fileName), svg);
        return fileName;
    }

    private static ChartSeries Reference(string name, double kb, double from, double to) =>
        new(name, [(from, kb), (to, kb)]) { Reference = true };
}

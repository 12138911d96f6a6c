namespace RazorFaces.Bench;

/// <summary>One line of a chart: its legend name and its points (x ascending).</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points)
{
    /// <summary>Drawn dashed and without markers: a baseline, a target or a published figure rather than a measurement.</summary>
    public bool Reference { get; init; }
}

/// <summary>A line chart: title, axis labels, series; log scales for axes that span decades (users, views).</summary>
internal sealed record ChartSpec(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series, bool LogX = false, bool LogY = false);

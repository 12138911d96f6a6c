using System.Globalization;
using System.Net;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>
/// Renders a <see cref="ChartSpec"/> as a self-contained SVG line chart (no scripts, no fonts to load), so the
/// report's plots are plain files in docs/ that any Markdown viewer shows.
/// </summary>
internal static class SvgChart
{
    private const double Width = 760, Height = 440, Left = 70, Right = 210, Top = 40, Bottom = 56;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(ChartSpec spec)
    {
        var points = spec.Series.SelectMany(s => s.Points).Where(p => Usable(p, spec)).ToList();
        if (points.Count == 0)
        {
            throw new ArgumentException($"Chart '{spec.Title}' has no points to draw.", nameof(spec));
        }
        var x = Axis.For(points.Select(p => p.X), spec.LogX, Left, Width - Right);
        var y = Axis.For(points.Select(p => p.Y).Append(spec.LogY ? points.Min(p => p.Y) : 0), spec.LogY, Height - Bottom, Top);
        var svg = new StringBuilder();
        svg.Append(Invariant, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="12">""").AppendLine();
        svg.Append(Invariant, $"""<rect width="{Width}" height="{Height}" fill="white"/>""").AppendLine();
        svg.Append(Invariant, $"""<text x="{Width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">{Escape(spec.Title)}</text>""").AppendLine();
        Grid(svg, x, y);
        svg.Append(Invariant, $"""<text x="{(Left + Width - Right) / 2}" y="{Height - 14}" text-anchor="middle">{Escape(spec.XLabel)}</text>""").AppendLine();
        svg.Append(Invariant, $"""<text transform="translate(18 {(Top + Height - Bottom) / 2}) rotate(-90)" text-anchor="middle">{Escape(spec.YLabel)}</text>""").AppendLine();
        for (var i = 0; i < spec.Series.Count; i++)
        {
            Line(svg, spec.Series[i], Colors[i % Colors.Length], i, x, y, spec);
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static bool Usable((double X, double Y) p, ChartSpec spec) =>
        double.IsFinite(p.X) && double.IsFinite(p.Y) && (!spec.LogX || p.X > 0) && (!spec.LogY || p.Y > 0);

    private static void Grid(StringBuilder svg, Axis x, Axis y)
    {
        foreach (var tick in x.Ticks())
        {
            var px = x.Pixel(tick);
            svg.Append(Invariant, $"""<line x1="{px:0.#}" y1="{Top}" x2="{px:0.#}" y2="{Height - Bottom}" stroke="#e5e5e5"/>""");
            svg.Append(Invariant, $"""<text x="{px:0.#}" y="{Height - Bottom + 16}" text-anchor="middle">{Label(tick)}</text>""").AppendLine();
        }
        foreach (var tick in y.Ticks())
        {
            var py = y.Pixel(tick);
            svg.Append(Invariant, $"""<line x1="{Left}" y1="{py:0.#}" x2="{Width - Right}" y2="{py:0.#}" stroke="#e5e5e5"/>""");
            svg.Append(Invariant, $"""<text x="{Left - 6}" y="{py + 4:0.#}" text-anchor="end">{Label(tick)}</text>""").AppendLine();
        }
        svg.Append(Invariant, $"""<rect x="{Left}" y="{Top}" width="{Width - Left - Right}" height="{Height - Top - Bottom}" fill="none" stroke="#444"/>""").AppendLine();
    }

    private static void Line(StringBuilder svg, ChartSeries series, string color, int index, Axis x, Axis y, ChartSpec spec)
    {
        var points = series.Points.Where(p => Usable(p, spec)).Select(p => (X: x.Pixel(p.X), Y: y.Pixel(p.Y))).ToList();
        var dash = series.Reference ? """ stroke-dasharray="6 4" """ : " ";
        svg.Append(Invariant, $"""<polyline fill="none" stroke="{color}" stroke-width="2"{dash}points="{string.Join(' ', points.Select(p => string.Create(Invariant, $"{p.X:0.#},{p.Y:0.#}")))}"/>""").AppendLine();
        if (!series.Reference)
        {
            foreach (var (px, py) in points)
            {
                svg.Append(Invariant, $"""<circle cx="{px:0.#}" cy="{py:0.#}" r="3" fill="{color}"/>""");
            }
            svg.AppendLine();
        }
        var legendY = Top + 8 + index * 18;
        svg.Append(Invariant, $"""<line x1="{Width - Right + 12}" y1="{legendY}" x2="{Width - Right + 36}" y2="{legendY}" stroke="{color}" stroke-width="2"{dash}/>""");
        svg.Append(Invariant, $"""<text x="{Width - Right + 42}" y="{legendY + 4}">{Escape(series.Name)}</text>""").AppendLine();
    }

    private static string Label(double value) =>
        value >= 10_000 ? (value / 1000).ToString("0.#", Invariant) + "k"
        : value >= 1 || value == 0 ? value.ToString("0.##", Invariant)
        : value.ToString("0.###", Invariant);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Maps data values to pixels, linearly or by their logarithm, over "nice" rounded bounds.</summary>
    private sealed record Axis(double Min, double Max, bool Log, double From, double To)
    {
        public static Axis For(IEnumerable<double> values, bool log, double from, double to)
        {
            var list = values.ToList();
            var (min, max) = (list.Min(), list.Max());
            if (log)
            {
                return new Axis(Math.Pow(10, Math.Floor(Math.Log10(min))), Math.Pow(10, Math.Ceiling(Math.Log10(max))), true, from, to);
            }
            var step = NiceStep(max - min);
            var (low, high) = (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step);
            return new Axis(low, high > low ? high : low + step, false, from, to);
        }

        public double Pixel(double value)
        {
            var fraction = Log ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min)) : (value - Min) / (Max - Min);
            return From + (To - From) * (double.IsFinite(fraction) ? fraction : 0);
        }

        public IEnumerable<double> Ticks()
        {
            if (Log)
            {
                for (var decade = Min; decade <= Max * 1.0001; decade *= 10)
                {
                    yield return decade;
                }
                yield break;
            }
            var step = NiceStep(Max - Min);
            for (var tick = Min; tick <= Max + step / 1000; tick += step)
            {
                yield return Math.Round(tick, 10);
            }
        }

        // About five ticks at 1, 2 or 5 times a power of ten.
        private static double NiceStep(double range)
        {
            if (range <= 0)
            {
                return 1;
            }
            var raw = range / 5;
            var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            return (raw / power) switch { <= 1 => 1, <= 2 => 2, <= 5 => 5, _ => 10 } * power;
        }
    }
}

using System.Globalization;
using System.Text;
using static RazorFaces.Bench.LoadSweep;

namespace RazorFaces.Bench;

/// <summary>The load part's targets, tables and plot; its prose is <see cref="LoadFindings"/>.</summary>
internal static class LoadReport
{
    // #15's targets: within 2× the echo at every user count; saturation at 60% of the echo's requests/s.
    public const double RoundTripTarget = 2;
    public const double ThroughputTarget = 0.6;
    // #13's target for a node on the Redis store.
    public const double RedisThroughputTarget = 0.4;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The four measured series, in table order.</summary>
    public static readonly string[] Measured =
        [Series(LongPoll, InMemory), Series(SignalR, InMemory), Series(LongPoll, LoadSweep.Redis), Series(SignalR, LoadSweep.Redis)];

    public static LoadPoint? Find(IEnumerable<LoadPoint> points, string series, int users) =>
        points.FirstOrDefault(p => p.Series == series && p.Users == users);

    public static IEnumerable<TargetRow> Targets(LoadSweep sweep, LoadSettings settings)
    {
        var series = Series(LongPoll, InMemory);
        foreach (var users in settings.Users)
        {
            if (Find(sweep.Latency, series, users) is { } point && Find(sweep.Latency, Echo, users) is { } echo)
            {
                var ratio = point.P50Ms / echo.P50Ms;
                yield return new TargetRow(
                    $"event round trip p50 ≤ {RoundTripTarget:0}× bare echo, long-poll, in-memory store, {users} user(s) at {settings.Rate:0.##} events/s each",
                    $"{ratio:0.00}× ({point.P50Ms:0.000} ms vs {echo.P50Ms:0.000} ms){ErrorNote(point, echo)}",
                    ratio <= RoundTripTarget && point.Errors + echo.Errors == 0);
            }
        }
        foreach (var (store, target) in new[] { (InMemory, ThroughputTarget), (LoadSweep.Redis, RedisThroughputTarget) })
        foreach (var clients in settings.Saturation)
        foreach (var transport in new[] { LongPoll, SignalR })
        {
            if (Find(sweep.Saturation, Series(transport, store), clients) is { } point && Find(sweep.Saturation, EchoBeside(point.Series), clients) is { } echo)
            {
                var share = point.PerSecond / echo.PerSecond;
                yield return new TargetRow(
                    $"events/s at saturation ≥ {target:0%} of bare echo requests/s, {transport}, {store} store, {clients} clients",
                    $"{share:0%} ({point.PerSecond:0} vs {echo.PerSecond:0} per second){ErrorNote(point, echo)}",
                    share >= target && point.Errors + echo.Errors == 0);
            }
        }
    }

    public static void Write(StringBuilder md, LoadSweep sweep, LoadSettings settings, string openFiles)
    {
        md.AppendLine(Invariant, $"## Load: round trip vs concurrent users, and saturation").AppendLine();
        md.AppendLine(Invariant, $"Each user has its own session and /counter view and clicks {settings.Rate:0.##} times a second (open loop), so the offered load is users × {settings.Rate:0.##} events/s. Cells: p50 / p99 in ms, and (p50 ÷ the echo's p50 at the same users).").AppendLine();
        md.Append("| users | offered events/s | ").Append(Echo).Append(" | ").Append(string.Join(" | ", Measured.Take(2))).Append(" | ").Append(BareRedis).Append(" | ").AppendLine(string.Join(" | ", Measured.Skip(2)) + " |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var users in settings.Users)
        {
            var echo = Find(sweep.Latency, Echo, users);
            var cells = new[] { Echo, Measured[0], Measured[1], BareRedis, Measured[2], Measured[3] }
                .Select(s => Cell(Find(sweep.Latency, s, users), s is Echo or BareRedis ? null : echo));
            md.AppendLine(Invariant, $"| {users} | {users * settings.Rate:0.#} | {string.Join(" | ", cells)} |");
        }
        md.AppendLine().AppendLine(Invariant, $"![event round trip vs concurrent users]({LoadPart.PlotFile})").AppendLine();

        md.AppendLine("Saturation (closed loop: each client sends its next event as soon as it has the answer):").AppendLine();
        md.AppendLine("| series | clients | events/s | ÷ echo requests/s | p50 ms | p99 ms | errors |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var point in sweep.Saturation)
        {
            var echo = Find(sweep.Saturation, EchoBeside(point.Series), point.Users);
            var share = echo is null || point.Series is Echo or EchoBesideRedis or BareRedis ? "" : $"{point.PerSecond / echo.PerSecond:0%}";
            md.AppendLine(Invariant, $"| {point.Series} | {point.Users} | {point.PerSecond:0} | {share} | {point.P50Ms:0.000} | {point.P99Ms:0.000} | {point.Errors} |");
        }
        md.AppendLine();

        md.AppendLine("Every point in detail (sent and answered over the measured seconds; late: sent after its scheduled time because the previous answer had not come; pushed: updates that arrived over the poll or as hub pushes, each checked like an answer; refreshed: refreshes that answered a stale poll instead, each checked to show the right count):").AppendLine();
        md.AppendLine("| series | users | seconds | sent | answered | answered/s | late | pushed | refreshed | errors |").AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var point in sweep.Latency)
        {
            md.AppendLine(Invariant, $"| {point.Series} | {point.Users} | {point.Seconds:0.0} | {point.Sent} | {point.Answered} | {point.PerSecond:0} | {point.Late} | {point.Pushed} | {point.Refreshed} | {point.Errors} |");
        }
        md.AppendLine();
        Errors(md, sweep);
        LoadFindings.Write(md, sweep, settings);
        LoadFindings.Method(md, sweep, settings, openFiles);
    }

    public static ChartSpec Chart(LoadSweep sweep, LoadSettings settings)
    {
        var series = new List<ChartSeries>();
        foreach (var name in Measured)
        {
            series.Add(Line($"{name} p50", sweep, name, p => p.P50Ms));
            series.Add(Line($"{name} p99", sweep, name, p => p.P99Ms));
        }
        series.Add(Line($"{Echo} p50", sweep, Echo, p => p.P50Ms) with { Reference = true });
        series.Add(Line($"{BareRedis} p50", sweep, BareRedis, p => p.P50Ms) with { Reference = true });
        return new ChartSpec(
            string.Create(Invariant, $"Event round trip vs concurrent users ({settings.Rate:0.##} events/s each)"),
            "concurrent users", "round trip (ms)", series, LogX: true, LogY: true);
    }

    private static ChartSeries Line(string name, LoadSweep sweep, string series, Func<LoadPoint, double> value) =>
        new(name, [.. sweep.Latency.Where(p => p.Series == series && !double.IsNaN(value(p))).Select(p => ((double)p.Users, value(p)))]);

    private static string Cell(LoadPoint? point, LoadPoint? echo)
    {
        if (point is null)
        {
            return "";
        }
        var cell = string.Create(Invariant, $"{point.P50Ms:0.000} / {point.P99Ms:0.000}");
        if (echo is not null)
        {
            cell += string.Create(Invariant, $" ({point.P50Ms / echo.P50Ms:0.0}×)");
        }
        return point.Errors > 0 ? cell + string.Create(Invariant, $" **{point.Errors} errors**") : cell;
    }

    private static string ErrorNote(LoadPoint point, LoadPoint echo) =>
        point.Errors + echo.Errors == 0 ? "" : string.Create(Invariant, $"; **{point.Errors + echo.Errors} errors**");

    private static void Errors(StringBuilder md, LoadSweep sweep)
    {
        var withErrors = sweep.WarmUps.Concat(sweep.Latency).Concat(sweep.Saturation).Where(p => p.Errors > 0).ToList();
        if (withErrors.Count == 0 && sweep.Idle.Errors == 0)
        {
            md.AppendLine("No errors: every answer, poll answer and push was the update it had to be.").AppendLine();
            return;
        }
        md.AppendLine("**This run had errors** (first few of each point, verbatim):").AppendLine();
        foreach (var point in withErrors)
        {
            md.AppendLine(Invariant, $"- {point.Series}, {point.Users} users: {point.Errors} errors; {Samples(point.ErrorSamples)}");
        }
        if (sweep.Idle.Errors > 0)
        {
            md.AppendLine(Invariant, $"- between points (poll or push path): {sweep.Idle.Errors} errors; {Samples(sweep.Idle.ErrorSamples())}");
        }
        md.AppendLine();
    }

    private static string Samples(IEnumerable<string> errors) =>
        string.Join("; ", errors.Select(e => "`" + e.Replace('`', '\'').Replace('|', '/').ReplaceLineEndings(" ") + "`"));
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using RazorFaces.Testing.Client;

namespace RazorFaces.Bench;

/// <summary>
/// A JavaScript interop round trip (the server's call → the browser → its result back in the view) against an event
/// round trip, one simulated browser each on the same in-process server, over long-poll, closed loop.
/// </summary>
internal sealed class InteropPart : IBenchPart
{
    public const double Target = 1.2;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly List<long> _events = [], _interop = [], _wholeClicks = [];
    private BenchSettings _settings = BenchSettings.Full;

    public string Name => "interop";

    public async Task RunAsync(BenchContext context)
    {
        _settings = context.Settings;
        var server = await context.ServerAsync();
        using var counterBrowser = new BrowserSession(server.Address);
        using var interopBrowser = new BrowserSession(server.Address);
        var counter = await counterBrowser.OpenAsync("counter");
        var interop = await interopBrowser.OpenAsync("interop");
        // The page imports its module after the first render; the simulated browser hands it an object reference.
        await interop.AnswerJSAsync(await interop.JSCallAsync("import"), """{"__jsObjectId":1}""");
        var perRound = context.Settings.Quick ? 200 : 1000;
        await MeasureAsync(counter, interop, perRound / 5, record: false);
        for (var round = 0; round < context.Settings.Rounds * 2; round++)
        {
            await MeasureAsync(counter, interop, perRound, record: true);
        }
        context.Log.WriteLine(string.Create(Invariant, $"interop: round trip p50 {Ms(P50(_interop)):0.000} ms against an event's {Ms(P50(_events)):0.000} ms ({(double)P50(_interop) / P50(_events):0.00}×)"));
    }

    public IEnumerable<TargetRow> Targets()
    {
        var ratio = (double)P50(_interop) / P50(_events);
        yield return new TargetRow($"JS interop round trip p50 ≤ {Target:0.0}× an event round trip's",
            string.Create(Invariant, $"{ratio:0.00}× ({Ms(P50(_interop)):0.000} ms vs {Ms(P50(_events)):0.000} ms)"), ratio <= Target);
    }

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## JavaScript interop round trip").AppendLine();
        md.AppendLine("| what | p50 ms | p99 ms | ÷ event p50 |").AppendLine("|---|---:|---:|---:|");
        foreach (var (what, samples) in new[] { ("event round trip (/counter click → its update)", _events), ("interop round trip (the call reaches the browser → its result → the update it causes)", _interop), ("a click whose handler awaits one JS call, whole", _wholeClicks) })
        {
            md.AppendLine(string.Create(Invariant, $"| {what} | {Ms(P50(samples)):0.000} | {Ms(P99(samples)):0.000} | {(double)P50(samples) / P50(_events):0.00}× |"));
        }
        md.AppendLine();
        md.AppendLine(string.Create(Invariant, $"How it is measured: Demo.App's pipeline on an in-process Kestrel (the benchmark's server), two simulated browsers (the project's .NET protocol client over long-poll): one clicks /counter's increment (the event round trip); the other clicks /interop's \"Read it back\", whose handler awaits `module.InvokeAsync<string>(\"valueOf\", element)`. The call comes back in the click's answer; the interop round trip is timed from the moment the browser has it to the answer of its `jsdone` (the result, the handler going on, the update it renders), which is what an interop call adds to the event that made it. A click whose handler awaits one call therefore costs two round trips (the last row). Closed loop, one request in flight per browser, the two browsers alternating; {_settings.Rounds * 2} rounds of {(_settings.Quick ? 200 : 1000)} of each after a warm-up.")).AppendLine();
    }

    private async Task MeasureAsync(ViewClient counter, ViewClient interop, int count, bool record)
    {
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await counter.ClickAsync("#increment");
            var clicked = Stopwatch.GetTimestamp();
            await interop.ClickAsync("#interop-read");
            var call = await interop.JSCallAsync("valueOf");
            var called = Stopwatch.GetTimestamp();
            await interop.AnswerJSAsync(call, "\"Ada\"");
            var done = Stopwatch.GetTimestamp();
            if (record)
            {
                _events.Add(clicked - started);
                _interop.Add(done - called);
                _wholeClicks.Add(done - clicked);
            }
        }
        if (interop.Text("#interop-value") != "Ada")
        {
            throw new InvalidDataException("The interop page did not show the value its JavaScript call returned: " + interop.Html);
        }
    }

    private static long P50(List<long> samples) => Percentile(samples, 0.50);

    private static long P99(List<long> samples) => Percentile(samples, 0.99);

    private static long Percentile(List<long> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

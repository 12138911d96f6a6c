using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>
/// Bytes on the wire per update for each demo page: the patches, the whole long-poll answer body and the SignalR
/// frame of typical user actions, and the first GET's HTML for scale.
/// </summary>
internal sealed class WirePart : IBenchPart
{
    private const int CounterTarget = 100;
    private readonly List<WirePageResult> _pages = [];

    public string Name => "wire";

    public async Task RunAsync(BenchContext context)
    {
        foreach (var scenario in WireScenario.All)
        {
            var page = await WireMeasure.RunAsync(scenario);
            _pages.Add(page);
            var typical = Typical(page);
            context.Log.WriteLine($"wire: {page.Page} GET {page.PageBytes} bytes; '{typical.Step.Action}' {typical.PatchBytes} bytes of patches, answer {typical.LongPollBytes} (long-poll) / {typical.HubBytes} (SignalR frame)");
        }
    }

    public IEnumerable<TargetRow> Targets()
    {
        if (_pages.Find(p => p.Page == "/counter") is not { } counter)
        {
            yield break;
        }
        var click = Typical(counter);
        yield return new TargetRow(
            $"patches of one counter increment ≤ {CounterTarget} bytes",
            $"{click.PatchBytes} bytes (whole answer {click.LongPollBytes} bytes over long-poll, {click.HubBytes} bytes as a SignalR frame)",
            click.PatchBytes <= CounterTarget);
    }

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## Bytes on the wire per update, every demo page");
        md.AppendLine();
        md.AppendLine("Each page driven through the steps below on a fresh in-process server, once over long-poll (`POST /_rf/send`) and once over SignalR (hub `Send` on a WebSocket), from the same starting state. " +
            "Bodies only: the long-poll answer is the response body (HTTP headers not counted); the SignalR figure is the WebSocket message that carried the `Send` completion (`{\"type\":3,…,\"result\":[…]}` and its record separator; WebSocket framing not counted). " +
            "Patches are the `patches` arrays' JSON; the patches must be byte-identical over both transports, or the run fails.");
        md.AppendLine();
        md.AppendLine("| page | first GET (HTML) bytes | step | patches | patch bytes | long-poll answer bytes | SignalR frame bytes | event message bytes |");
        md.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|");
        foreach (var page in _pages)
        {
            var first = true;
            foreach (var step in page.Steps)
            {
                var action = step.Step.Typical ? $"**{step.Step.Action}**" : step.Step.Action;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {(first ? page.Page : "")} | {(first ? page.PageBytes.ToString(CultureInfo.InvariantCulture) : "")} | {action} | {step.Patches} | {step.PatchBytes} | {step.LongPollBytes} | {step.HubBytes} | {step.EventBytes} |");
                first = false;
            }
        }
        md.AppendLine();
        md.AppendLine("The typical update of each page (bold above), verbatim (long-poll answer):");
        md.AppendLine();
        md.AppendLine("```json");
        foreach (var page in _pages)
        {
            md.AppendLine(Typical(page).Answer);
        }
        md.AppendLine("```");
        md.AppendLine();
        WriteFindings(md);
        md.AppendLine();
    }

    private void WriteFindings(StringBuilder md)
    {
        if (_pages.Count == 0)
        {
            return;
        }
        var steps = _pages.SelectMany(p => p.Steps).ToList();
        var typical = _pages.Select(Typical).ToList();
        md.AppendLine("What the numbers say:");
        md.AppendLine();
        if (_pages.Find(p => p.Page == "/counter") is { } counter)
        {
            var click = Typical(counter);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- A counter click is {click.PatchBytes} bytes of patches ({(click.PatchBytes <= CounterTarget ? "within" : "over")} the {CounterTarget}-byte target) in a {click.LongPollBytes}-byte answer: " +
                $"the envelope (message type, view id, view number) is {click.LongPollBytes - click.PatchBytes} bytes, {(click.LongPollBytes - click.PatchBytes > click.PatchBytes ? "more than the change itself" : "less than the change itself")}.");
        }
        var largest = steps.MaxBy(s => s.PatchBytes)!;
        var why = largest.Answer.Contains("[4,", StringComparison.Ordinal) || largest.Answer.Contains("[7,", StringComparison.Ordinal)
            ? ", because it inserts new elements as HTML (with their target attributes)"
            : "";
        md.AppendLine(CultureInfo.InvariantCulture,
            $"- The typical updates range from {typical.Min(s => s.PatchBytes)} to {typical.Max(s => s.PatchBytes)} bytes of patches; the largest step measured is {largest.Page} '{largest.Step.Action}' at {largest.PatchBytes} bytes{why}.");
        var overhead = steps.Select(s => s.HubBytes - s.LongPollBytes).ToList();
        var range = overhead.Min() == overhead.Max() ? $"{overhead.Min()}" : $"{overhead.Min()}–{overhead.Max()}";
        md.AppendLine(CultureInfo.InvariantCulture,
            $"- A SignalR frame is the long-poll body plus {range} bytes of hub envelope; long-poll pays its HTTP request and response headers instead (not counted here), which are larger than that on every request.");
        var ratios = _pages.Select(p => (p.Page, Ratio: (double)Typical(p).LongPollBytes / p.PageBytes)).ToList();
        var worst = ratios.MaxBy(r => r.Ratio);
        md.AppendLine(CultureInfo.InvariantCulture,
            $"- Against re-sending the page: a typical update's answer is at most {worst.Ratio:P0} of the page's first GET ({worst.Page}); events that change nothing visible (typing into a bound field) answer {steps.Where(s => s.Patches == 0).Select(s => s.LongPollBytes).DefaultIfEmpty().Max()} bytes or less.");
    }

    private static WireStepResult Typical(WirePageResult page) => page.Steps.FirstOrDefault(s => s.Step.Typical) ?? page.Steps[^1];
}

using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>The peer part's section of the report: "Blazor Server, measured beside RazorFaces".</summary>
internal static class PeerReport
{
    public static void Write(StringBuilder md, PeerResults r)
    {
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("## Blazor Server, measured beside RazorFaces");
        md.AppendLine();
        md.AppendLine(c, $"`bench/BlazorServerPeer` is Blazor Server as `dotnet new blazor --interactivity Server` makes it, with Demo.App's `/counter` and `/todos` pages and layout (same markup, same behaviour; the counter's state lives in the circuit). " +
            $"The `peer` part publishes it in Release and runs it as a process on loopback beside Demo.App's Release build (in-memory store unless said otherwise), in the same run, driven by real Chromium pages (Playwright, `/usr/bin/chromium --no-sandbox --disable-gpu --disable-background-networking`, headless) on the same 2 cores. 1-minute load average {r.LoadAtStart} at the start of the part, {r.LoadAtEnd} at the end.");
        md.AppendLine();
        WriteMemory(md, r);
        WriteRoundTrips(md, r);
        WriteWire(md, r);
        WriteSaturation(md, r);
        WriteKills(md, r);
    }

    private static void WriteMemory(StringBuilder md, PeerResults r)
    {
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("### Server memory per live page");
        md.AppendLine();
        md.AppendLine("| app | live /counter pages | KB per live page (GC heap) | GC heap, baseline → all live | process RSS, all live |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var m in r.Memory)
        {
            md.AppendLine(c, $"| {m.App} | {m.Pages} | {m.KbPerPage:0.0} | {m.BaselineBytes / 1048576.0:0.0} → {m.HeapBytes / 1048576.0:0.0} MB | {m.ResidentMb:0} MB |");
        }
        md.AppendLine();
        foreach (var n in r.Counts)
        {
            if (r.Memory.Find(m => m.Pages == n && m.App.StartsWith("RazorFaces", StringComparison.Ordinal)) is { } ours
                && r.Memory.Find(m => m.Pages == n && m.App == "Blazor Server") is { } blazor)
            {
                md.AppendLine(c, $"- At {n} pages a Blazor Server circuit takes {blazor.KbPerPage:0.0} KB of server heap, a RazorFaces live view with its session {ours.KbPerPage:0.0} KB: {blazor.KbPerPage / ours.KbPerPage:0.0}× the view.");
            }
        }
        md.AppendLine();
        md.AppendLine("How: one page of each app stays open as the baseline; then pages are opened up to each count, each in its own browser context (its own cookies: one session and view per page on RazorFaces, one circuit per page on Blazor Server), and each clicks once, which proves it live. " +
            "The server's GC heap is read over EventPipe from outside the process, as dotnet-gcdump does: the runtime's `GCHeapCollect` keyword makes it run an induced full blocking GC, and the `GCHeapStats` event after it gives the size of every generation (taken after a second such GC). " +
            "KB per page = (heap at N − baseline heap) ÷ N. Both apps are Release builds with the same (default, server) GC settings.");
        md.AppendLine();
    }

    private static void WriteRoundTrips(StringBuilder md, PeerResults r)
    {
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("### Event round trip seen in the browser (/counter)");
        md.AppendLine();
        md.AppendLine("| app | clicks | p50 ms | p99 ms | mean ms |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var t in r.RoundTrips)
        {
            md.AppendLine(c, $"| {t.App} | {t.Clicks} | {t.P50:0.00} | {t.P99:0.00} | {t.Mean:0.00} |");
        }
        md.AppendLine();
        md.AppendLine("How: one page per app, one click at a time, measured in the page: `performance.now()` before `button.click()`, and again when a `MutationObserver` on the body sees `#count` change (the DOM updated, before paint); a warm-up of a tenth as many clicks first. Chromium's timer resolution rounds each time to 0.1 ms.");
        md.AppendLine();
    }

    private static void WriteWire(StringBuilder md, PeerResults r)
    {
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("### Bytes on the wire per counter click");
        md.AppendLine();
        md.AppendLine("| app | transport | browser → server bytes | server → browser bytes | messages | HTTP header bytes (not in the two before) |");
        md.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var w in r.Wire)
        {
            md.AppendLine(c, $"| {w.App} | {w.Transport} | {w.Sent:0} | {w.Received:0} | {w.Messages:0.0} | {(w.HeaderBytes > 0 ? w.HeaderBytes.ToString("0", c) : "—")} |");
        }
        md.AppendLine();
        md.AppendLine(c, $"How: {r.Wire.FirstOrDefault()?.Clicks ?? 0} clicks per app on one page, one at a time, each followed by 150 ms so that what comes after the update (Blazor's render acknowledgement) is counted with it. WebSocket payloads as Chromium's DevTools protocol reports them (`Network.webSocketFrameSent`/`Received`; WebSocket framing not counted, keep-alive pings left out); long-poll: Playwright's request sizes of every `/_rf/` request that finished meanwhile (bodies in the first two columns, headers apart).");
        md.AppendLine();
    }

    private static void WriteSaturation(StringBuilder md, PeerResults r)
    {
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("### Events per second at saturation, one node");
        md.AppendLine();
        md.AppendLine("| app | pages clicking | events/s | server CPU (cores) | server CPU ms per event | events/s per server core (1000 ÷ ms per event) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var s in r.Saturation)
        {
            md.AppendLine(c, $"| {s.App} | {s.Pages} | {s.EventsPerSecond:0} | {s.ServerCores:0.00} | {s.ServerCpuMsPerEvent:0.000} | {1000 / s.ServerCpuMsPerEvent:0} |");
        }
        md.AppendLine();
        md.AppendLine(c, $"How: {r.SaturationPages} Chromium pages per app click in a loop in the page (the next click as soon as the DOM shows the last one's answer) for {(r.Saturation.FirstOrDefault()?.Seconds ?? 0):0} s; the server process's CPU time (user + system) over the same time. " +
            $"This is browser-driven, not protocol-level: Chromium runs on the same 2 cores and takes most of them, so the events per second are what the browser leaves the server, not the server's ceiling. The comparable figure is the server's CPU per event, and from it the events a fully used core would serve.");
        md.AppendLine();
    }

    private static void WriteKills(StringBuilder md, PeerResults r)
    {
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("### SIGKILL of the serving node");
        md.AppendLine();
        md.AppendLine("| app | node back (ms after kill) | first answered click (ms after kill) | count shown then (was 3) | page reloads by the app | what the page showed |");
        md.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var k in r.Kills)
        {
            var seen = string.Join(" → ", k.Seen.Select(s => $"{s.Ms.ToString("0", c)} ms: {s.State}"));
            md.AppendLine(c, $"| {k.App} | {k.RestartMs:0} | {(k.AnsweredMs is { } ms ? ms.ToString("0", c) : "none in 40 s")} | {k.CountAfter ?? "—"} | {k.Reloads} | {seen} |");
        }
        md.AppendLine();
        md.AppendLine("How: one page on /counter clicked to 3; the serving process gets SIGKILL and is started again at once with the same command on the same port (Redis, when used, keeps running). " +
            "The user then clicks once (a click not answered within 1.5 s counts as not answered) every 2 s until one is answered; meanwhile the page is sampled every 50 ms: RazorFaces' `html[data-rf-status]`, Blazor's default reconnect dialog and its text, and the count. " +
            "\"Page reloads\" are full loads the app's own client made; the user never reloads.");
        md.AppendLine();
    }
}

using System.Globalization;
using System.Text;
using static RazorFaces.Bench.LoadSweep;

namespace RazorFaces.Bench;

/// <summary>The load part's prose: what this run's numbers say (computed, never typed in) and how they were measured.</summary>
internal static class LoadFindings
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(StringBuilder md, LoadSweep sweep, LoadSettings settings)
    {
        md.AppendLine("### What the numbers say").AppendLine();
        var most = settings.Users.Max();
        var lines = new List<string?>
        {
            AgainstEcho(sweep, settings),
            Growth(sweep, settings),
            Transports(sweep, most),
            RedisCost(sweep, most),
            Lateness(sweep, settings),
            SaturationShare(sweep, settings.Saturation.Max()),
            UsersPerNode(sweep, settings),
            PollCost(sweep, settings.Saturation.Max()),
            PushPath(sweep),
        };
        foreach (var line in lines.OfType<string>())
        {
            md.Append("- ").AppendLine(line);
        }
        md.AppendLine();
    }

    public static void Method(StringBuilder md, LoadSweep sweep, LoadSettings settings, string openFiles)
    {
        var opened = string.Join(", ", sweep.Opened.Select(o => string.Create(Invariant, $"{o.Users} {o.Series} users in {o.Seconds:0.0} s")));
        md.AppendLine("### How it is measured").AppendLine();
        // One Markdown paragraph on one line: the interpolated values would leave ragged hard breaks.
        md.AppendLine(string.Create(Invariant, $"""
            One in-process Kestrel server with Demo.App's pipeline per store (the Redis one on its own redis-server), on
            127.0.0.1; the simulated users run in the same process, so their work is in every number, the baselines' too.
            A **long-poll user** is a browser tab's two HTTP/1.1 connections: clicks are `POST /_rf/send`, and a
            `GET /_rf/poll` stays open and polls again as soon as it is answered. A **SignalR user** is the .NET SignalR
            client (`HubConnection`, JSON hub protocol, WebSockets): it calls `Watch` for its view, then each click is a `Send` invocation. Each
            user opens its own session's /counter first (all users of a series before any clock starts: {opened}); the
            points take the first N of them. User u sends event k at start + phase(u) + k / {settings.Rate:0.##} s, the
            phase random within one period, with one message in flight (as the browser client): an answer that comes after
            the next event's time makes that event go out at once and count as **late**. The round trip is timed from the
            actual send to the checked answer: exactly one update numbered one past the view's number, whose one SetText
            patch shows the user's own count. Poll answers and pushes are checked the same way; every failure is counted
            and reported, and a user that failed is replaced by a freshly opened one before the next point. Each point
            runs {settings.WarmUp.TotalSeconds:0.#} s at its load uncounted, then {settings.Point.TotalSeconds:0.#} s
            measured; with few users it has few events (1 user gives {settings.Rate * settings.Point.TotalSeconds:0}), and
            its p99 is then its slowest event. Baselines at the same users and rate, in the same run: the **echo** posts
            the event's body over each long-poll user's own send connection to an endpoint that only reads and writes it
            back; the **bare Redis** read is an `HGET` of a 200-byte field through one StackExchange.Redis multiplexer.
            **Saturation** is a closed loop: {string.Join(" and ", settings.Saturation)} clients each send again as soon
            as they have their answer; events/s is for the one node, compared with the echo at saturation measured in the
            same store's pass, right before its points (the Redis pass measures it again on its own server, since the
            machine drifts over the minutes between the passes). Open files limit: {openFiles} (a long-poll user holds
            two sockets, the server two more).
            """).ReplaceLineEndings(" ")).AppendLine();
    }

    private static string? AgainstEcho(LoadSweep sweep, LoadSettings settings)
    {
        var ratios = settings.Users
            .Select(u => (Users: u, Ratio: Ratio(sweep.Latency, Series(LongPoll, InMemory), Echo, u)))
            .Where(r => r.Ratio is not null).Select(r => (r.Users, Ratio: r.Ratio!.Value)).ToList();
        if (ratios.Count == 0)
        {
            return null;
        }
        var worst = ratios.MaxBy(r => r.Ratio);
        var met = ratios.Count(r => r.Ratio <= LoadReport.RoundTripTarget);
        return string.Create(Invariant,
            $"Over long-poll on the in-memory store the p50 round trip is {ratios.Min(r => r.Ratio):0.0}× to {worst.Ratio:0.0}× the echo's at the same users, the most at {worst.Users} user(s); the ≤ {LoadReport.RoundTripTarget:0}× target holds at {met} of {ratios.Count} user counts.");
    }

    private static string? Growth(LoadSweep sweep, LoadSettings settings)
    {
        var (few, most) = (settings.Users.Min(), settings.Users.Max());
        var series = Series(LongPoll, InMemory);
        if (LoadReport.Find(sweep.Latency, series, few) is not { } a || LoadReport.Find(sweep.Latency, series, most) is not { } b
            || LoadReport.Find(sweep.Latency, Echo, few) is not { } ea || LoadReport.Find(sweep.Latency, Echo, most) is not { } eb)
        {
            return null;
        }
        return string.Create(Invariant,
            $"From {few} to {most} users the long-poll in-memory p50 goes from {a.P50Ms:0.00} to {b.P50Ms:0.00} ms and its p99 from {a.P99Ms:0.00} to {b.P99Ms:0.00} ms; the echo's p50 from {ea.P50Ms:0.00} to {eb.P50Ms:0.00} ms on the same connections.");
    }

    private static string? Transports(LoadSweep sweep, int users)
    {
        var memory = Ratio(sweep.Latency, Series(SignalR, InMemory), Series(LongPoll, InMemory), users);
        var redis = Ratio(sweep.Latency, Series(SignalR, LoadSweep.Redis), Series(LongPoll, LoadSweep.Redis), users);
        return memory is null || redis is null ? null : string.Create(Invariant,
            $"At {users} users SignalR's p50 is {memory:0.00}× long-poll's on the in-memory store and {redis:0.00}× on Redis ({Faster(memory.Value)} in memory).");
    }

    private static string? RedisCost(LoadSweep sweep, int users)
    {
        var memory = LoadReport.Find(sweep.Latency, Series(LongPoll, InMemory), users);
        var redis = LoadReport.Find(sweep.Latency, Series(LongPoll, LoadSweep.Redis), users);
        var bare = LoadReport.Find(sweep.Latency, BareRedis, users);
        if (memory is null || redis is null || bare is null)
        {
            return null;
        }
        var added = redis.P50Ms - memory.P50Ms;
        if (added <= 0)
        {
            return string.Create(Invariant,
                $"At {users} users the long-poll p50 on Redis ({redis.P50Ms:0.00} ms) is not above the in-memory one ({memory.P50Ms:0.00} ms): in this run the Redis store's cost is below the noise of the points (a bare Redis read's p50 is {bare.P50Ms:0.000} ms).");
        }
        return string.Create(Invariant,
            $"The Redis store adds {added:0.00} ms to the long-poll p50 at {users} users, {added / bare.P50Ms:0.0} times a bare Redis read's p50 ({bare.P50Ms:0.000} ms) at the same load.");
    }

    private static string Lateness(LoadSweep sweep, LoadSettings settings)
    {
        var behind = sweep.Latency.Where(p => p.Sent > 0 && p.Late > 0.01 * p.Sent).OrderBy(p => p.Users).ToList();
        if (behind.Count == 0)
        {
            return string.Create(Invariant, $"No series fell behind its schedule (under 1% late sends at every point): each node kept up with every offered load up to {settings.Users.Max() * settings.Rate:0} events/s.");
        }
        return "Users fell behind (over 1% of sends late) at: " + string.Join(", ", behind.Select(p => string.Create(Invariant,
            $"{p.Series} with {p.Users} users ({(double)p.Late / p.Sent:0%} late, {p.PerSecond:0} of {p.Users * settings.Rate:0} events/s answered)"))) + ".";
    }

    // The question a team sizing a cluster asks: at this click rate, how many users does one node carry?
    private static string? UsersPerNode(LoadSweep sweep, LoadSettings settings)
    {
        var best = LoadReport.Measured.Select(series => (Series: series, Point: sweep.Saturation.Where(p => p.Series == series && p.Errors == 0).MaxBy(p => p.PerSecond)))
            .Where(x => x.Point is not null).ToList();
        return best.Count == 0 ? null : string.Create(Invariant,
            $"Users per node: a node that answers E events/s at saturation carries about E ÷ {settings.Rate:0.##} users clicking {settings.Rate:0.##} times a second (all of its CPU, none spare) — {string.Join(", ", best.Select(x => string.Create(Invariant, $"{x.Series} about {x.Point!.PerSecond / settings.Rate:N0}")))}, on these 2 cores shared with the simulated clients.");
    }

    private static string? SaturationShare(LoadSweep sweep, int clients)
    {
        var echo = LoadReport.Find(sweep.Saturation, Echo, clients);
        if (echo is null)
        {
            return null;
        }
        var beside = LoadReport.Find(sweep.Saturation, EchoBesideRedis, clients);
        var parts = LoadReport.Measured.Select(s => LoadReport.Find(sweep.Saturation, s, clients)).OfType<LoadPoint>()
            .Select(p => (Point: p, Echo: LoadReport.Find(sweep.Saturation, EchoBeside(p.Series), clients)))
            .Where(x => x.Echo is not null)
            .Select(x => string.Create(Invariant, $"{x.Point.Series} {x.Point.PerSecond:0} ({x.Point.PerSecond / x.Echo!.PerSecond:0%})"));
        var echoes = beside is null
            ? string.Create(Invariant, $"the echo's {echo.PerSecond:0} requests/s")
            : string.Create(Invariant, $"the echo measured in the same store's pass ({echo.PerSecond:0} requests/s beside the in-memory points, {beside.PerSecond:0} beside the Redis ones)");
        return string.Create(Invariant, $"At saturation with {clients} clients one node answers events/s as follows, against {echoes}: {string.Join(", ", parts)}.");
    }

    private static string? PollCost(LoadSweep sweep, int clients)
    {
        var parts = new[] { InMemory, LoadSweep.Redis }.Select(store =>
            (Store: store, With: LoadReport.Find(sweep.Saturation, Series(LongPoll, store), clients),
             Without: LoadReport.Find(sweep.Saturation, Series(LongPoll, store) + SendsOnly, clients)))
            .Where(p => p.With is not null && p.Without is not null)
            .Select(p => string.Create(Invariant, $"{p.Without!.PerSecond:0} events/s with the {p.Store} store against {p.With!.PerSecond:0} with its polls open ({p.With.PerSecond / p.Without.PerSecond:0%})"))
            .ToList();
        return parts.Count == 0 ? null : string.Create(Invariant,
            $"With every poll closed (sends only, what a browser never does), long-poll at {clients} clients answers {string.Join(" and ", parts)}: the difference is what the open poll costs.");
    }

    private static string PushPath(LoadSweep sweep)
    {
        var polls = sweep.Latency.Where(p => p.Series.StartsWith(LongPoll, StringComparison.Ordinal)).ToList();
        var perEvent = polls.Sum(p => p.Pushed) / (double)Math.Max(1, polls.Sum(p => p.Answered));
        var refreshes = polls.Sum(p => p.Refreshed);
        var hubPushes = sweep.Latency.Where(p => p.Series.StartsWith(SignalR, StringComparison.Ordinal)).Sum(p => p.Pushed);
        var polled = perEvent >= 0.5
            ? $"Every long-poll user's open poll was answered with its own updates as well ({perEvent:0.00} checked updates per answered event), so each click cost a second request, which takes the session lock"
            : $"A click's update rides on its answer only: the user's open poll was not woken for it ({perEvent:0.00} poll updates per answered event), so a click costs one request";
        return string.Create(Invariant,
            $"{polled}; {refreshes} poll(s) were stale and got a refresh instead; SignalR pushed {hubPushes} updates, since the hub does not push the answer to a connection's own `Send`.");
    }

    private static double? Ratio(IEnumerable<LoadPoint> points, string series, string baseline, int users) =>
        LoadReport.Find(points, series, users) is { } p && LoadReport.Find(points, baseline, users) is { } b && b.P50Ms > 0 ? p.P50Ms / b.P50Ms : null;

    private static string Faster(double ratio) => ratio < 1 ? "SignalR is faster" : "long-poll is faster";
}

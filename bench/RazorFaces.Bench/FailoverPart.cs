using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>Failover recovery: a Demo.App node SIGKILLed between a user's clicks and while it holds the session's lease.</summary>
internal sealed class FailoverPart : IBenchPart
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private FailoverResult _failover = null!;

    public string Name => "failover";

    public async Task RunAsync(BenchContext context) => _failover = await FailoverBench.RunAsync(context.Settings, context.Log);

    public IEnumerable<TargetRow> Targets() => Kinds().Select(kind =>
    {
        var p99 = FailoverResult.Percentile(kind.Samples.Select(s => s.RecoveryMs), 0.99);
        return new TargetRow(string.Create(Invariant, $"failover recovery p99 ≤ {kind.TargetMs:0} ms, SIGKILL {kind.Name} ({kind.Samples.Count} kills)"),
            string.Create(Invariant, $"{p99:0} ms"), p99 <= kind.TargetMs);
    });

    public void WriteSection(StringBuilder md)
    {
        var f = _failover;
        md.AppendLine("## Failover recovery").AppendLine();
        md.AppendLine("Two Demo.App processes (A, B) in Release on one redis-server; a /counter user clicks 5 times on A, A gets SIGKILL, and the time runs from just before the kill to the answer of the user's next click by B. The user's requests go to B as soon as A refuses them, like a load balancer that redispatches a refused connection (haproxy's `option redispatch`): **a balancer's health-check detection time is not included** — one that does not redispatch adds its `inter × fall` (e.g. 2 s) to every number below. A is restarted before the next kill.").AppendLine();
        md.AppendLine("| kill | kills | p50 ms | p99 ms | max ms | failed requests per kill (retried) | B answered with |").AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var kind in Kinds())
        {
            var times = kind.Samples.Select(s => s.RecoveryMs).ToList();
            var answers = string.Join(", ", kind.Samples.GroupBy(s => s.Answer).Select(g => $"{g.Key} ×{g.Count()}"));
            md.AppendLine(Invariant, $"| {kind.Name} | {kind.Samples.Count} | {FailoverResult.Percentile(times, 0.5):0} | {FailoverResult.Percentile(times, 0.99):0} | {times.Max():0} | {kind.Samples.Average(s => s.Failures):0.0} | {answers} |");
        }
        md.AppendLine().AppendLine("| for scale | n | p50 ms | max ms |").AppendLine("|---|---:|---:|---:|");
        md.AppendLine(Invariant, $"| restarted node: process start to `/healthz` 200 | {f.RestartMs.Count} | {FailoverResult.Percentile(f.RestartMs, 0.5):0} | {f.RestartMs.Max():0} |");
        if (f.FailBackMs.Count > 0)
        {
            md.AppendLine(Invariant, $"| fail-back: first click of a B user sent to the restarted A (cold process, view rebuilt from Redis) | {f.FailBackMs.Count} | {FailoverResult.Percentile(f.FailBackMs, 0.5):0} | {f.FailBackMs.Max():0} |");
        }
        md.AppendLine();
        var held = f.LeaseHeld.Select(x => x.RecoveryMs).ToList();
        md.AppendLine(Invariant, $"Between clicks the survivor loads the session from Redis, rebuilds the view, applies the click and saves. B answers with a `refresh`, not a plain `update`, because Demo.App's layout prints the serving node's name, so the rebuilt DOM never hashes like the one A sent; a page without node-specific markup gets an `update` with `rebuilt: true`. When A dies holding the session's lease (a click in flight), B takes the lease over as soon as A's liveness key has lapsed ({f.LivenessTimeToLive.TotalMilliseconds:0} ms after A's last write of it; A writes it every fifth of that), instead of waiting for the lease itself to expire ({f.LockTimeToLive.TotalMilliseconds:0} ms; the holder renews it while a request runs); B waits up to {f.LockWait.TotalMilliseconds:0} ms for a lease before answering `busy`. The click was answered {FailoverResult.Percentile(held, 0.5):0} ms (p50) after the kill; a kill whose lease was in fact being released by a save already on its way to Redis is answered at once, which is why the p50 can be far below the liveness key's life. Nothing is lost either way: the retried click is applied exactly once and the count is right.").AppendLine();
        md.AppendLine("""
            How it is measured: redis-server (`--save '' --appendonly no`) and two `dotnet Demo.App/bin/Release/net10.0/Demo.App.dll --urls http://127.0.0.1:PORT --node A|B --redis 127.0.0.1:RPORT` processes started by the benchmark; both serve a view and rebuild one from Redis first (warm-up). Each round a new user opens /counter on A and clicks 5 times. *Between clicks*: the timestamp is taken, A gets SIGKILL, and the user clicks; the request to A is refused and sent to B at once. *Lease held*: the user clicks without pause; when A's lease key (`rf:l:SESSION`) is in Redis, A is frozen with SIGSTOP; if the key is still there A dies holding it (SIGKILL, timestamp), otherwise it resumes (SIGCONT) and the next moment is tried. A 5xx is retried with the browser client's backoff (250 ms × 2^attempt, half of it random). Recovery ends when B's answer to the click has been read and checked (an `update` or `refresh` showing the next count). A is then restarted on the same port, and the previous round's user (left on B) clicks once on A (fail-back).

            """);
    }

    private IEnumerable<(string Name, IReadOnlyList<FailoverSample> Samples, double TargetMs)> Kinds() =>
    [
        ("between clicks (lease free)", _failover.BetweenEvents, FailoverResult.RecoveryTargetMs),
        ("while the node held the session's lease (click in flight)", _failover.LeaseHeld, FailoverResult.LeaseHeldRecoveryTargetMs),
    ];
}

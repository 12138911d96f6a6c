using System.Diagnostics;
using RazorFaces.Hosting;

namespace RazorFaces.Bench;

/// <summary>
/// Failover recovery: two Demo.App processes (A and B) on one redis-server; a /counter user clicks on A, A is
/// killed with SIGKILL, and the time from the kill to the answer of the user's next event by B is recorded
/// (the user's requests go to B as soon as A refuses them, like a load balancer's redispatch; the balancer's
/// own health-check delay is not part of it). A is restarted before the next kill, and a user of the previous
/// round clicks on it once (fail-back).
/// </summary>
internal static class FailoverBench
{
    private const int ClicksBeforeKill = 5;

    public static async Task<FailoverResult> RunAsync(BenchSettings settings, TextWriter log)
    {
        await using var redis = await RedisProcess.StartAsync();
        var ports = new[] { LocalPorts.Free(), LocalPorts.Free() };
        var nodes = ports.Select(p => new Uri($"http://127.0.0.1:{p}/")).ToArray();
        var restarts = new List<double>();
        var random = new Random(3);
        var started = await Task.WhenAll(
            DemoProcess.StartAsync("A", ports[0], redis.Configuration),
            DemoProcess.StartAsync("B", ports[1], redis.Configuration));
        var a = started[0];
        await using var b = started[1];
        try
        {
            await WarmUpAsync(nodes, random);
            var betweenEvents = new List<FailoverSample>();
            var leaseHeld = new List<FailoverSample>();
            var failBack = new List<double>();
            FailoverUser? previous = null;
            for (var kill = 0; kill < settings.FailoverKills + settings.LeaseKills; kill++)
            {
                var holdingLease = kill >= settings.FailoverKills;
                using var user = new FailoverUser(nodes, random);
                await user.OpenAsync(node: 0);
                for (var i = 0; i < ClicksBeforeKill; i++)
                {
                    await user.ClickAsync(CancellationToken.None);
                }
                var sample = holdingLease
                    ? await KillWhileLeaseHeldAsync(a, user, redis)
                    : await KillBetweenEventsAsync(a, user);
                (holdingLease ? leaseHeld : betweenEvents).Add(sample);
                log.WriteLine($"kill {kill + 1}/{settings.FailoverKills + settings.LeaseKills}{(holdingLease ? " (lease held)" : "")}: recovered in {sample.RecoveryMs:0} ms, {sample.Failures} failed request(s), {sample.Answer}");

                var restart = Stopwatch.StartNew();
                await a.DisposeAsync();
                a = await DemoProcess.StartAsync("A", ports[0], redis.Configuration);
                restarts.Add(restart.Elapsed.TotalMilliseconds);
                if (previous is not null)
                {
                    // Fail-back: the user of the previous round is on B; the balancer sends it back to A.
                    previous.RouteTo(0);
                    var clock = Stopwatch.StartNew();
                    await previous.ClickAsync(CancellationToken.None);
                    failBack.Add(clock.Elapsed.TotalMilliseconds);
                    previous.Dispose();
                }
                previous = new FailoverUser(nodes, random);
                await previous.OpenAsync(node: 1);
                await previous.ClickAsync(CancellationToken.None);
            }
            previous?.Dispose();
            var defaults = new RazorFacesOptions();
            return new FailoverResult(betweenEvents, leaseHeld, restarts, failBack, defaults.Sessions.LockWait, defaults.Sessions.LockTimeToLive,
                RazorFaces.Redis.NodeLiveness.DefaultTimeToLive);
        }
        finally
        {
            await a.DisposeAsync();
        }
    }

    // Both nodes serve a view and rebuild one from Redis once, so the first kill is not measuring the JIT.
    private static async Task WarmUpAsync(Uri[] nodes, Random random)
    {
        foreach (var (from, to) in new[] { (0, 1), (1, 0) })
        {
            using var user = new FailoverUser(nodes, random);
            await user.OpenAsync(from);
            for (var i = 0; i < 20; i++)
            {
                await user.ClickAsync(CancellationToken.None);
            }
            user.RouteTo(to);
            await user.ClickAsync(CancellationToken.None);
        }
    }

    // The user is idle when A dies; its next click goes to A, is refused, and goes to B.
    private static async Task<FailoverSample> KillBetweenEventsAsync(DemoProcess a, FailoverUser user)
    {
        var killedAt = Stopwatch.GetTimestamp();
        await a.KillAsync();
        await user.ClickAsync(CancellationToken.None);
        return Sample(user, killedAt);
    }

    // The user clicks without pause on A. A is frozen (SIGSTOP) at a moment its session lease is in Redis; if the
    // lease is still there with A frozen, A dies holding it (SIGKILL), otherwise A goes on (SIGCONT) and the next
    // moment is tried. The click in flight dies with A, and B waits until A's liveness key lapses and takes the
    // lease over (without that, until the lease expires); an attempt whose lock wait runs out ends "busy", which the
    // user retries with backoff.
    private static async Task<FailoverSample> KillWhileLeaseHeldAsync(DemoProcess a, FailoverUser user, RedisProcess redis)
    {
        var lockKey = new RazorFaces.Redis.RedisKeys("rf:").Lease(user.SessionId);
        long killedAt = 0;
        var failures = 0;
        var clicking = Task.Run(async () =>
        {
            while (true)
            {
                await user.ClickAsync(CancellationToken.None);
                failures += user.Failures;
                if (Volatile.Read(ref killedAt) != 0 && user.Node == 1)
                {
                    return;
                }
            }
        });
        while (true)
        {
            if (clicking.IsCompleted)
            {
                await clicking;
            }
            if (!await redis.Database.KeyExistsAsync(lockKey))
            {
                continue;
            }
            a.Pause(stop: true);
            if (await redis.Database.KeyExistsAsync(lockKey))
            {
                break;
            }
            a.Pause(stop: false);
        }
        Volatile.Write(ref killedAt, Stopwatch.GetTimestamp());
        await a.KillAsync();
        await clicking.WaitAsync(TimeSpan.FromSeconds(60));
        return Sample(user, killedAt) with { Failures = failures };
    }

    private static FailoverSample Sample(FailoverUser user, long killedAt)
    {
        if (user.Node != 1)
        {
            throw new InvalidOperationException("After the kill the event was not answered by B.");
        }
        return new FailoverSample(Stopwatch.GetElapsedTime(killedAt).TotalMilliseconds, user.Failures, user.LastAnswerKind);
    }
}

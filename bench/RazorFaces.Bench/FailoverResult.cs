namespace RazorFaces.Bench;

/// <summary>One kill: how long until the user's next event was answered by the surviving node, and how.</summary>
/// <param name="RecoveryMs">From just before SIGKILL to the answer of the first event the surviving node applied.</param>
/// <param name="Failures">Requests meanwhile that reached no node or got a 5xx (each retried).</param>
/// <param name="Answer">What the surviving node answered: an update (plain or rebuilt) or a refresh.</param>
internal sealed record FailoverSample(double RecoveryMs, int Failures, string Answer);

/// <summary>The failover measurements of one run.</summary>
/// <param name="BetweenEvents">Kills while the user was between clicks (the session's lease free).</param>
/// <param name="LeaseHeld">Kills while the node held the session's lease (an event in flight).</param>
/// <param name="RestartMs">Each restarted node's time from process start until <c>/healthz</c> answered 200.</param>
/// <param name="FailBackMs">The first click back on a restarted node (cold process, view rebuilt from Redis).</param>
/// <param name="LivenessTimeToLive">How long a node's liveness key outlives its last write (a dead holder's lease is taken over after it).</param>
internal sealed record FailoverResult(
    IReadOnlyList<FailoverSample> BetweenEvents,
    IReadOnlyList<FailoverSample> LeaseHeld,
    IReadOnlyList<double> RestartMs,
    IReadOnlyList<double> FailBackMs,
    TimeSpan LockWait,
    TimeSpan LockTimeToLive,
    TimeSpan LivenessTimeToLive)
{
    public const double RecoveryTargetMs = 1000;

    /// <summary>Issue #15: a node that dies holding a lease delays its session by less than the lease's time to live.</summary>
    public const double LeaseHeldRecoveryTargetMs = 500;

    /// <summary>Nearest-rank percentile of <paramref name="values"/>.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

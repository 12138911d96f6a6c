namespace RazorFaces.Bench;

/// <summary>Push fan-out at each number of views (milestone 4).</summary>
internal sealed record PushResult(IReadOnlyList<FanOutResult> FanOuts, PushProfile? Profile)
{
    public const double FanOutTargetMs = 250;
    public const int TargetViews = 1000;
}

/// <summary>One number of views: the time to the last view of every counted push, and every view's own time.</summary>
internal sealed record FanOutResult(int Views, IReadOnlyList<double> LastMs, IReadOnlyList<double> PerViewMs)
{
    public double P50Ms => FailoverResult.Percentile(LastMs, 0.5);

    public double P99Ms => FailoverResult.Percentile(LastMs, 0.99);

    public double PerViewP50Ms => FailoverResult.Percentile(PerViewMs, 0.5);

    public double PerViewP99Ms => FailoverResult.Percentile(PerViewMs, 0.99);
}

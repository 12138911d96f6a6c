namespace RazorFaces.Bench;

/// <summary>How long and how much to measure: the default run (~1.5 min on 2 cores) or <c>--quick</c> (~25 s).</summary>
internal sealed record BenchSettings(bool Quick, TimeSpan WarmUp, int Rounds, TimeSpan RoundDuration, int Views)
{
    public static readonly int[] Concurrencies = [1, 50];

    public static BenchSettings Full { get; } = new(false, TimeSpan.FromSeconds(5), 3, TimeSpan.FromSeconds(4), 1000);

    public static BenchSettings QuickRun { get; } = new(true, TimeSpan.FromSeconds(2), 1, TimeSpan.FromSeconds(2), 200);
}

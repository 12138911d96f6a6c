namespace RazorFaces.Bench;

/// <summary>How long and how much to measure: the default run (~4 min on 2 cores) or <c>--quick</c> (~1 min).</summary>
/// <param name="FailoverKills">Kills of the serving node while its user is between clicks (milestone 3).</param>
/// <param name="LeaseKills">Kills while the serving node holds the session's lease (each costs about its liveness key's time to live).</param>
/// <param name="StoreRounds">Rounds of each of in-memory store, Redis store and bare Redis per concurrency (milestone 3).</param>
/// <param name="StoreRoundDuration">How long each of those rounds lasts.</param>
internal sealed record BenchSettings(
    bool Quick, TimeSpan WarmUp, int Rounds, TimeSpan RoundDuration, int Views,
    int FailoverKills, int LeaseKills, int StoreRounds, TimeSpan StoreRoundDuration)
{
    public static readonly int[] Concurrencies = [1, 50];

    public static BenchSettings Full { get; } = new(false, TimeSpan.FromSeconds(5), 3, TimeSpan.FromSeconds(4), 1000,
        20, 10, 2, TimeSpan.FromSeconds(3));

    public static BenchSettings QuickRun { get; } = new(true, TimeSpan.FromSeconds(2), 1, TimeSpan.FromSeconds(2), 200,
        5, 1, 1, TimeSpan.FromSeconds(2));
}

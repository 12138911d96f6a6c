namespace Demo.App.Grid;

/// <summary>
/// The rows of the /grid page: generated once from fixed arithmetic (no random source), so every node, every request
/// and every rebuild of a view sees the same rows in the same order.
/// </summary>
public static class Shipments
{
    public const int Count = 3000;

    private static readonly string[] FirstNames = ["Ada", "Alan", "Barbara", "Claude", "Donald", "Edsger", "Frances", "Grace", "Hedy", "John", "Katherine", "Linus", "Margaret", "Niklaus", "Radia", "Tim"];
    private static readonly string[] LastNames = ["Lovelace", "Turing", "Liskov", "Shannon", "Knuth", "Dijkstra", "Allen", "Hopper", "Lamarr", "Backus", "Johnson", "Torvalds", "Hamilton", "Wirth", "Perlman", "Berners-Lee"];
    private static readonly string[] Cities = ["Amsterdam", "Berlin", "Cairo", "Dublin", "Lisbon", "Madrid", "Nairobi", "Oslo", "Prague", "Quito", "Rome", "Seoul", "Tokyo", "Vienna", "Warsaw", "Zagreb"];
    private static readonly DateOnly FirstDay = new(2026, 1, 1);

    /// <summary>Every row, ordered by <see cref="Shipment.Id"/> (1 to <see cref="Count"/>).</summary>
    public static IReadOnlyList<Shipment> All { get; } = [.. Enumerable.Range(1, Count).Select(Make)];

    // Multiplying by numbers coprime to the table sizes spreads neighbouring ids over different names and cities.
    private static Shipment Make(int id) => new(
        id,
        $"{FirstNames[id * 7 % FirstNames.Length]} {LastNames[id * 11 % LastNames.Length]}",
        Cities[id * 5 % Cities.Length],
        1 + id * 37 % 250,
        Math.Round(0.5m + id * 7919 % 100_000 / 100m, 2),
        FirstDay.AddDays(id * 13 % 365));
}

namespace RazorFaces.Testing.Client;

/// <summary>The browser client's retry and reconnect delays: 250 ms doubling up to 5 s, half fixed and half random.</summary>
internal static class Backoff
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Most = TimeSpan.FromSeconds(5);

    public static TimeSpan Delay(int attempt, Random random)
    {
        var ceiling = Math.Min(Most.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * random.NextDouble()));
    }
}

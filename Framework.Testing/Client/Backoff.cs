using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

/// <summary>
/// The browser client's retry and reconnect delays (Framework.Client/src/transport/transport.ts, <c>retryDelayMs</c>):
/// 250 ms doubling up to 5 s, half fixed and half random; an answer of a node that is up but whose store is away
/// (<c>store-unavailable</c>, <c>busy</c>) is retried at most 1 s apart, so a store failover is not waited out for
/// seconds more.
/// </summary>
internal static class Backoff
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Most = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MostForStore = TimeSpan.FromSeconds(1);

    public static TimeSpan Delay(int attempt, Random random, string? errorCode = null)
    {
        var most = errorCode is ErrorCodes.StoreUnavailable or ErrorCodes.Busy ? MostForStore : Most;
        var ceiling = Math.Min(most.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * random.NextDouble()));
    }
}

using RazorFaces.Protocol;
using RazorFaces.Testing.Client;

namespace RazorFaces.Tests.Testing.Client;

/// <summary>
/// The .NET client waits between retries as the browser client does (Framework.Client/test/transport/retryDelay.test.ts
/// pins the same numbers): a node that is up but whose store is failing over is asked again within a second.
/// </summary>
public sealed class BackoffTests
{
    // A Random that always draws the same value, so the jitter is known.
    private sealed class Fixed(double value) : Random
    {
        public override double NextDouble() => value;
    }

    [Fact]
    public void ANetworkErrorOrAGeneric5xxBacksOffDoublingUpToFiveSeconds()
    {
        var delays = new[] { 0, 1, 2, 3, 4, 5, 30 }.Select(a => Backoff.Delay(a, new Fixed(1)).TotalMilliseconds);
        Assert.Equal([250, 500, 1000, 2000, 4000, 5000, 5000], delays);
        Assert.Equal(5000, Backoff.Delay(6, new Fixed(1), "internal").TotalMilliseconds);
    }

    [Theory]
    [InlineData(ErrorCodes.StoreUnavailable)]
    [InlineData(ErrorCodes.Busy)]
    public void AStoreThatIsAwayIsRetriedAtMostASecondApart(string code)
    {
        var delays = new[] { 0, 1, 2, 3, 4, 30 }.Select(a => Backoff.Delay(a, new Fixed(1), code).TotalMilliseconds);
        Assert.Equal([250, 500, 1000, 1000, 1000, 1000], delays);
    }

    [Fact]
    public void HalfTheCeilingIsFixedAndHalfRandom()
    {
        Assert.Equal(1000, Backoff.Delay(3, new Fixed(0)).TotalMilliseconds);
        Assert.Equal(1500, Backoff.Delay(3, new Fixed(0.5)).TotalMilliseconds);
        Assert.Equal(500, Backoff.Delay(4, new Fixed(0), ErrorCodes.StoreUnavailable).TotalMilliseconds);
    }
}

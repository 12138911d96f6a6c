using RazorFaces.Session;

namespace RazorFaces.Tests.Session;

public sealed class SessionGatesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ASecondRequestOfTheSameSessionWaitsUntilTheFirstLeaves()
    {
        var gates = new SessionGates();
        var first = await gates.EnterAsync("s", CancellationToken.None);
        var second = gates.EnterAsync("s", CancellationToken.None);
        var other = await gates.EnterAsync("t", CancellationToken.None).WaitAsync(Patience);

        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(Patience)).Dispose();
        other.Dispose();
    }

    [Fact]
    public async Task NoGateIsKeptOnceEveryRequestHasLeft()
    {
        var gates = new SessionGates();
        for (var i = 0; i < 100; i++)
        {
            (await gates.EnterAsync("session-" + i, CancellationToken.None)).Dispose();
        }

        Assert.Equal(0, gates.Count);
    }

    [Fact]
    public async Task AWaiterThatGivesUpLeavesNoGateBehind()
    {
        var gates = new SessionGates();
        var held = await gates.EnterAsync("s", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = gates.EnterAsync("s", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        Assert.Equal(0, gates.Count);
    }

    [Fact]
    public async Task ManyRequestsOfOneSessionNeverOverlapWhileGatesComeAndGo()
    {
        var gates = new SessionGates();
        var inside = 0;
        var overlaps = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                using (await gates.EnterAsync("s", CancellationToken.None))
                {
                    if (Interlocked.Increment(ref inside) != 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }
                    await Task.Yield();
                    Interlocked.Decrement(ref inside);
                }
            }
        }))).WaitAsync(Patience);

        Assert.Equal(0, overlaps);
        Assert.Equal(0, gates.Count);
    }

    [Fact]
    public async Task DisposingAnEntryTwiceLetsOnlyOneWaiterIn()
    {
        var gates = new SessionGates();
        var first = await gates.EnterAsync("s", CancellationToken.None);
        var second = gates.EnterAsync("s", CancellationToken.None);
        var third = gates.EnterAsync("s", CancellationToken.None);
        first.Dispose();
        first.Dispose();

        var entered = await second.WaitAsync(Patience);
        Assert.False(third.IsCompleted);
        entered.Dispose();
        (await third.WaitAsync(Patience)).Dispose();
        Assert.Equal(0, gates.Count);
    }
}

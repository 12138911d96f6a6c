using RazorFaces.Redis;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>Group commit of replica acks: at most one WAIT in flight per primary, and every save covered by one sent after it.</summary>
public sealed class ReplicaWaitsTests
{
    [Fact]
    public async Task SavesArrivingWhileAWaitIsInFlightShareOneWaitSentAfterIt()
    {
        var sent = new List<TaskCompletionSource<long>>();
        var waits = new ReplicaWaits(() =>
        {
            var reply = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (sent)
            {
                sent.Add(reply);
            }
            return reply.Task;
        });

        var first = waits.WaitAsync();
        var joined = Enumerable.Range(0, 5).Select(_ => waits.WaitAsync()).ToList();

        Assert.Single(sent);
        sent[0].SetResult(1);
        Assert.Equal(1, await first);
        await Eventually.TrueAsync(() => { lock (sent) { return sent.Count == 2; } }, "the next WAIT was sent");
        Assert.All(joined, j => Assert.False(j.IsCompleted));
        sent[1].SetResult(2);
        Assert.All(await Task.WhenAll(joined), acks => Assert.Equal(2, acks));
        Assert.Equal(2, sent.Count);
    }

    [Fact]
    public async Task AFailedWaitFailsItsSavesAndTheNextSaveSendsAnother()
    {
        var calls = 0;
        var waits = new ReplicaWaits(() => Interlocked.Increment(ref calls) == 1
            ? Task.FromException<long>(new TimeoutException("no reply"))
            : Task.FromResult(1L));

        await Assert.ThrowsAsync<TimeoutException>(() => waits.WaitAsync());

        Assert.Equal(1, await waits.WaitAsync());
        Assert.Equal(2, calls);
    }
}

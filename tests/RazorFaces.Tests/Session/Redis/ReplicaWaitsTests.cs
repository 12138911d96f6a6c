using RazorFaces.Redis;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>Group commit of replica acks: at most one WAIT in flight per primary, and every save covered by one sent after it.</summary>
public sealed class ReplicaWaitsTests
{
    [Fact]
    public async Task SavesArrivingWhileAWaitIsInFlightShareOneWaitSentAfterIt()
    {
        var sent = new List<TaskCompletionSource<ReplicaAck>>();
        var waits = new ReplicaWaits(() =>
        {
            var reply = new TaskCompletionSource<ReplicaAck>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (sent)
            {
                sent.Add(reply);
            }
            return reply.Task;
        });

        var first = waits.WaitAsync();
        var joined = Enumerable.Range(0, 5).Select(_ => waits.WaitAsync()).ToList();

        Assert.Single(sent);
        sent[0].SetResult(new ReplicaAck(1, 1));
        Assert.Equal(new ReplicaAck(1, 1), await first);
        await Eventually.TrueAsync(() => { lock (sent) { return sent.Count == 2; } }, "the next WAIT was sent");
        Assert.All(joined, j => Assert.False(j.IsCompleted));
        sent[1].SetResult(new ReplicaAck(2, 1));
        Assert.All(await Task.WhenAll(joined), ack => Assert.Equal(new ReplicaAck(2, 1), ack));
        Assert.Equal(2, sent.Count);
    }

    [Fact]
    public async Task AFailedWaitFailsItsSavesAndTheNextSaveSendsAnother()
    {
        var calls = 0;
        var waits = new ReplicaWaits(() => Interlocked.Increment(ref calls) == 1
            ? Task.FromException<ReplicaAck>(new TimeoutException("no reply"))
            : Task.FromResult(new ReplicaAck(1, 1)));

        await Assert.ThrowsAsync<TimeoutException>(() => waits.WaitAsync());

        Assert.Equal(new ReplicaAck(1, 1), await waits.WaitAsync());
        Assert.Equal(2, calls);
    }
}

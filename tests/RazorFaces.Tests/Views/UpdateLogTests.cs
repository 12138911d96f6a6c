using RazorFaces.Views;
using RazorFaces.Protocol;

namespace RazorFaces.Tests.Views;

public class UpdateLogTests
{
    [Fact]
    public void AcknowledgedUpdatesAreNoLongerKept()
    {
        var log = LogWithUpdates(2, 3, 4, 5);

        log.Acknowledge(3);

        Assert.Null(log.After(2, current: 5));
        Assert.Equal([4, 5], log.After(3, current: 5)!.Select(u => u.Number));
    }

    [Fact]
    public void UnacknowledgedUpdatesAreStillResent()
    {
        var log = LogWithUpdates(2, 3, 4, 5);

        log.Acknowledge(1);

        Assert.Equal([2, 3, 4, 5], log.After(1, current: 5)!.Select(u => u.Number));
    }

    private static UpdateLog LogWithUpdates(params int[] numbers)
    {
        var log = new UpdateLog(capacity: 16);
        foreach (var number in numbers)
        {
            log.Add(new UpdateMessage(number, [], Url: null));
        }
        return log;
    }
}

using RazorFaces.Session;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Session;

public sealed class MemoryReturnTests
{
    private readonly ManualTimeProvider clock = new();

    [Fact]
    public void AFullCollectionIsAskedForOnceEnoughWasLetGoOfAndThenAtMostOnceAMinute()
    {
        var memory = new MemoryReturn(clock);

        memory.Released(MemoryReturn.Threshold - 1);
        Assert.Equal(0, memory.Collections);
        memory.Released(1);
        Assert.Equal(1, memory.Collections);

        memory.Released(MemoryReturn.Threshold * 5);
        Assert.Equal(1, memory.Collections);
        clock.Advance(TimeSpan.FromMinutes(1));
        memory.Released(0);
        Assert.Equal(1, memory.Collections);
        memory.Released(1);
        Assert.Equal(2, memory.Collections);
    }
}

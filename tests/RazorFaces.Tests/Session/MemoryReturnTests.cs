using Microsoft.Extensions.Time.Testing;
using RazorFaces.Session;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Session;

public sealed class MemoryReturnTests
{
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public void ACrowdEndingOverSeveralPassesIsCollectedOnceAtTheFirstQuietPassAfterIt()
    {
        var memory = new MemoryReturn(clock);
        clock.Advance(TimeSpan.FromHours(1));

        memory.Released(MemoryReturn.Threshold / 2);
        memory.Released(0);
        Assert.Equal(0, memory.Collections);
        memory.Released(MemoryReturn.Threshold);
        memory.Released(MemoryReturn.Threshold);
        Assert.Equal(0, memory.Collections);

        memory.Released(0);
        Assert.Equal(1, memory.Collections);
        memory.Released(0);
        Assert.Equal(1, memory.Collections);
    }

    [Fact]
    public void ASteadyTrickleIsCollectedFiveMinutesAfterItBeganWithoutAQuietPass()
    {
        var memory = new MemoryReturn(clock);
        clock.Advance(TimeSpan.FromHours(1));
        memory.Released(MemoryReturn.Threshold);
        memory.Released(0);
        Assert.Equal(1, memory.Collections);

        // The trickle begins a minute later and never pauses.
        for (var minute = 1; minute <= 6; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            memory.Released(MemoryReturn.Threshold);
            Assert.Equal(minute < 6 ? 1 : 2, memory.Collections);
        }
        // Not again within the minute, quiet pass or not.
        memory.Released(MemoryReturn.Threshold);
        memory.Released(0);
        Assert.Equal(2, memory.Collections);
    }
}

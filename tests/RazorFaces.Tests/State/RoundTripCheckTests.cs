using RazorFaces.State;
using static RazorFaces.Tests.State.StateSamples;

namespace RazorFaces.Tests.State;

public class RoundTripCheckTests
{
    private readonly ISessionSerializer serializer = JsonSessionSerializer.Instance;

    [Fact]
    public void ValueThatSurvivesTheRoundTripHasNoDifference()
    {
        Assert.Null(RoundTripCheck.FirstDifference(JsonSessionSerializerTests.SampleCart(), typeof(CartBean), serializer));
    }

    [Fact]
    public void SetterThatLosesDataIsReportedAtTheFirstDifferingPath()
    {
        var basket = new Basket();
        basket.Items.Add(new Truncating { Price = 1 });
        basket.Items.Add(new Truncating { Price = 2 });
        basket.Items.Add(new Truncating());
        basket.Items.Add(new Truncating());
        // Bypass the truncating setter the way a computation inside the bean would.
        typeof(Truncating).GetField("price", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .SetValue(basket.Items[2], 1.5m);
        typeof(Truncating).GetField("price", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .SetValue(basket.Items[3], 7.5m);

        Assert.Equal("$.items[2].price: 1.5 became 1", RoundTripCheck.FirstDifference(basket, typeof(Basket), serializer));
    }

    [Fact]
    public void StateOnlyReachableThroughAGetOnlyPropertyIsReportedAsChanged()
    {
        var counter = new HiddenCounter();
        counter.Increment();
        counter.Increment();

        Assert.Equal("$.count: 2 became 0", RoundTripCheck.FirstDifference(counter, typeof(HiddenCounter), serializer));
    }

    [Fact]
    public void DataThatCannotBeReadBackIsReported()
    {
        var difference = RoundTripCheck.FirstDifference(new NoUsableConstructor(1), typeof(NoUsableConstructor), serializer);

        Assert.StartsWith("$: what was written cannot be read back: NoUsableConstructor cannot be read", difference, StringComparison.Ordinal);
    }
}

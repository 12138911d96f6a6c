using System.Runtime.InteropServices;
using System.Text.Json;
using RazorFaces.State;
using RazorFaces.Tests.Snapshots;
using static RazorFaces.Tests.State.StateSamples;

namespace RazorFaces.Tests.State;

public class StoredFormatSnapshotTests
{
    private readonly ISessionSerializer serializer = JsonSessionSerializer.Instance;

    [Fact]
    public void SampleBeanIsStoredInThePinnedFormat()
    {
        var bytes = serializer.Serialize(JsonSessionSerializerTests.SampleCart(), typeof(CartBean));

        SnapshotFiles.Match("cart-bean.json", bytes);
    }

    [Fact]
    public void SampleComponentStateIsStoredInThePinnedFormat()
    {
        var counter = new SampleCounter { Filter = "open" };
        counter.Click("add tea");
        counter.Click("add Käse");
        counter.ClickBase();

        var state = ComponentStateAccessor.For(typeof(SampleCounter))!.Capture(counter, serializer);

        SnapshotFiles.Match("sample-counter-state.json", state.Bytes);
    }

    [Fact]
    public void PinnedBeanFormatStillReads()
    {
        // The other direction of a rolling upgrade: what an older node stored must still read on this one.
        var stored = SnapshotFiles.Read("cart-bean.json");

        var cart = (CartBean)serializer.Deserialize(stored, typeof(CartBean))!;

        Assert.Equal(2, cart.Lines.Count);
        Assert.Equal(2, cart.Revision);
        Assert.Equal(Shipping.Express, cart.Shipping);
    }

    [Fact]
    public void PinnedComponentStateStillRestores()
    {
        var stored = SnapshotFiles.Read("sample-counter-state.json");
        var counter = new SampleCounter();

        ComponentStateAccessor.For(typeof(SampleCounter))!.Restore(counter, new StateValue(SessionFormat.Json, stored), serializer);

        Assert.Equal(2, counter.Count);
        Assert.Equal(["add tea", "add Käse"], counter.History);
        Assert.Equal("open", counter.Filter);
        Assert.Equal(1, counter.BaseClicks);
    }
}

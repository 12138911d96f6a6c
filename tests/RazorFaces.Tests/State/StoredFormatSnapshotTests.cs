using RazorFaces.State;
using RazorFaces.Tests.Snapshots;
using static RazorFaces.Tests.State.StateSamples;

namespace RazorFaces.Tests.State;

/// <summary>
/// The JSON format (what builds before MessagePack stored, and <see cref="SessionFormat.Json"/>) and the MessagePack
/// format (the default), each pinned byte for byte.
/// </summary>
public class StoredFormatSnapshotTests
{
    private readonly ISessionSerializer serializer = JsonSessionSerializer.Instance;
    private readonly ISessionSerializer msgpack = MessagePackSessionSerializer.Instance;

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

    [Fact]
    public void SampleBeanIsStoredInThePinnedMessagePackFormat()
    {
        var bytes = msgpack.Serialize(JsonSessionSerializerTests.SampleCart(), typeof(CartBean));

        SnapshotFiles.MatchBinary("cart-bean.msgpack", bytes);
    }

    [Fact]
    public void SampleComponentStateIsStoredInThePinnedMessagePackFormat()
    {
        var counter = new SampleCounter { Filter = "open" };
        counter.Click("add tea");
        counter.Click("add Käse");
        counter.ClickBase();

        var state = ComponentStateAccessor.For(typeof(SampleCounter))!.Capture(counter, msgpack);

        SnapshotFiles.MatchBinary("sample-counter-state.msgpack", state.Bytes);
    }

    [Fact]
    public void PinnedJsonBeanReadsOnANodeThatWritesMessagePack()
    {
        // What a JSON build stored, read by this build's default serializer (the format is told by the first byte).
        var cart = (CartBean)msgpack.DeserializeField(SnapshotFiles.Read("cart-bean.json"), typeof(CartBean))!;

        Assert.Equal(JsonSessionSerializerTests.SampleCart().Lines, cart.Lines);
        Assert.Equal(2, cart.Revision);
        Assert.Equal(Shipping.Express, cart.Shipping);
    }

    [Fact]
    public void PinnedJsonComponentStateRestoresOnANodeThatWritesMessagePack()
    {
        var stored = new StateValue(SessionFormat.Json, SnapshotFiles.Read("sample-counter-state.json"));
        var counter = new SampleCounter();

        ComponentStateAccessor.For(typeof(SampleCounter))!.Restore(counter, stored, msgpack);

        Assert.Equal(2, counter.Count);
        Assert.Equal(["add tea", "add Käse"], counter.History);
    }

    [Fact]
    public void PinnedMessagePackBeanStillReads()
    {
        var cart = (CartBean)msgpack.Deserialize(SnapshotFiles.ReadBinary("cart-bean.msgpack"), typeof(CartBean))!;

        Assert.Equal(JsonSessionSerializerTests.SampleCart().Lines, cart.Lines);
        Assert.Equal(2, cart.Revision);
        Assert.Equal(Shipping.Express, cart.Shipping);
        Assert.Equal(JsonSessionSerializerTests.SampleCart().CheckedOutAt, cart.CheckedOutAt);
    }

    [Fact]
    public void PinnedMessagePackComponentStateStillRestores()
    {
        var stored = new StateValue(SessionFormat.MessagePack, SnapshotFiles.ReadBinary("sample-counter-state.msgpack"));
        var counter = new SampleCounter();

        ComponentStateAccessor.For(typeof(SampleCounter))!.Restore(counter, stored, msgpack);

        Assert.Equal(2, counter.Count);
        Assert.Equal(["add tea", "add Käse"], counter.History);
        Assert.Equal("open", counter.Filter);
        Assert.Equal(1, counter.BaseClicks);
    }
}

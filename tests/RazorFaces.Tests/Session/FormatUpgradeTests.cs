using System.Text.Json;
using Demo.App.Beans;
using Demo.App.Pages;
using RazorFaces.Session;
using RazorFaces.State;
using RazorFaces.Tests.Snapshots;

namespace RazorFaces.Tests.Session;

/// <summary>
/// A session moves between formats without being lost: a node of this build (MessagePack by default) reads what a
/// build that wrote JSON stored, and a node set to JSON reads what a MessagePack node stored (the first phase of an
/// upgrade, or a step back).
/// </summary>
public sealed class FormatUpgradeTests
{
    private const string ViewId = "view-0001";
    private const string CounterPath = "root/0#0/1#0/0#0";
    private static readonly BeanDescriptor Cart = new(typeof(CartBean), BeanScope.Session);
    private static readonly Dictionary<string, BeanDescriptor> Beans = new() { [Cart.Key] = Cart };

    [Fact]
    public void ASessionAJsonBuildStoredReadsWithTheMessagePackDefaultAndIsWrittenBackAsMessagePack()
    {
        var msgpack = MessagePackSessionSerializer.Instance;
        var state = SessionCodec.Decode(new StoredSession(7, PinnedJsonSession()), msgpack, Beans);

        AssertSample(state, msgpack);
        var changes = SessionCodec.Encode(state, msgpack, ChangeDetection.Automatic)!;

        Assert.Equal(["bean:" + Cart.Key, "meta", "view:" + ViewId], changes.Set.Keys.Order(StringComparer.Ordinal));
        Assert.All(changes.Set.Values, bytes => Assert.Equal(SessionFormat.MessagePack, StoredFormats.Detect(bytes)));
        // The counter's state was saved by the JSON build and not captured again: it stays JSON inside the record.
        var again = SessionCodec.Decode(new StoredSession(8, changes.Set), msgpack, Beans);
        Assert.Equal(SessionFormat.Json, again.Views[ViewId].Components[CounterPath].Format);
        AssertSample(again, msgpack);
    }

    [Fact]
    public void ASessionAMessagePackNodeStoredReadsOnANodeSetToJsonAndIsWrittenBackAsJson()
    {
        var msgpack = MessagePackSessionSerializer.Instance;
        var json = JsonSessionSerializer.Instance;
        var packed = SessionCodec.Decode(new StoredSession(7, PinnedJsonSession()), msgpack, Beans);
        var counter = new Counter();
        var accessor = ComponentStateAccessor.For(typeof(Counter))!;
        accessor.Restore(counter, packed.Views[ViewId].Components[CounterPath], msgpack);
        packed.Views[ViewId].Components[CounterPath] = accessor.Capture(counter, msgpack);
        var stored = SessionCodec.EncodeAll(packed, msgpack);

        var state = SessionCodec.Decode(new StoredSession(8, stored), json, Beans);

        AssertSample(state, json);
        var written = SessionCodec.EncodeAll(state, json);
        Assert.All(written.Values, bytes => Assert.Equal(SessionFormat.Json, StoredFormats.Detect(bytes)));
        Assert.Contains("~msgpack", System.Text.Encoding.UTF8.GetString(written["view:" + ViewId]), StringComparison.Ordinal);
        AssertSample(SessionCodec.Decode(new StoredSession(9, written), json, Beans), json);
    }

    [Fact]
    public void TheListOfEvictedViewsAJsonBuildStoredReadsWithTheMessagePackDefaultAndIsWrittenBackAsAMessagePackArray()
    {
        var fields = PinnedJsonSession();
        fields[SessionFields.EvictedField] = """["view-0007","view-0008"]"""u8.ToArray();
        var msgpack = MessagePackSessionSerializer.Instance;

        var state = SessionCodec.Decode(new StoredSession(7, fields), msgpack, Beans);

        Assert.Equal(["view-0007", "view-0008"], state.Evicted);
        var written = SessionCodec.EncodeAll(state, msgpack)[SessionFields.EvictedField];
        Assert.Equal(0x92, written[0]);
        Assert.Equal(["view-0007", "view-0008"], SessionCodec.Decode(new StoredSession(8, SessionCodec.EncodeAll(state, msgpack)), msgpack, Beans).Evicted);
    }

    private static void AssertSample(SessionState state, ISessionSerializer serializer)
    {
        Assert.Equal("session-0001", state.Id);
        Assert.Equal(TimeSpan.FromMinutes(30), state.Meta.MaxInactive);
        var cart = (CartBean)state.GetBean(Cart, serializer);
        Assert.Equal(["tea", "Käse"], cart.Items.Select(i => i.Name));
        Assert.Equal(3, cart.NextId);
        var record = state.Views[ViewId];
        Assert.Equal("http://localhost/counter", record.Url);
        Assert.Equal(4, record.Number);
        var counter = new Counter();
        ComponentStateAccessor.For(typeof(Counter))!.Restore(counter, record.Components[CounterPath], serializer);
        Assert.Equal("""{"count":3}""", ComponentStateAccessor.For(typeof(Counter))!.Capture(counter, JsonSessionSerializer.Instance).ToString());
    }

    // The whole-session snapshot pinned by StoredSessionFormatTests: exactly what a JSON build stores.
    private static Dictionary<string, byte[]> PinnedJsonSession()
    {
        var fields = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(SnapshotFiles.Read("session-object.json"));
        foreach (var field in document.RootElement.EnumerateObject())
        {
            fields[field.Name] = JsonSerializer.SerializeToUtf8Bytes(field.Value);
        }
        return fields;
    }
}

using System.Buffers;
using System.Text.Json;
using MessagePack;
using Demo.App.Beans;
using Demo.App.Pages;
using RazorFaces.Session;
using RazorFaces.State;
using RazorFaces.Tests.Snapshots;

namespace RazorFaces.Tests.Session;

/// <summary>
/// The whole stored session object (every field <see cref="SessionCodec"/> writes) pinned in a snapshot, so a format
/// change fails here before it breaks a rolling upgrade or a failover between two versions.
/// </summary>
public sealed class StoredSessionFormatTests
{
    private const string SnapshotFile = "session-object.json";
    private const string MessagePackSnapshotFile = "session-object.msgpack";
    private const string ViewId = "view-0001";
    private const string CounterPath = "root/0#0/1#0/0#0";
    private static readonly BeanDescriptor Cart = new(typeof(CartBean), BeanScope.Session);
    private readonly ISessionSerializer serializer = JsonSessionSerializer.Instance;

    [Fact]
    public void ASessionWithACartAndOneCounterViewIsStoredInThePinnedFormat()
    {
        var changes = SessionCodec.Encode(SampleSession(), serializer, ChangeDetection.Automatic);

        Assert.NotNull(changes);
        Assert.Equal(0, changes.ExpectedVersion);
        Assert.Equal(TimeSpan.FromMinutes(30), changes.TimeToLive);
        Assert.Empty(changes.Removed);
        SnapshotFiles.Match(SnapshotFile, AsOneDocument(changes.Set));
    }

    [Fact]
    public void ASessionWithACartAndOneCounterViewIsStoredInThePinnedMessagePackFormat()
    {
        var msgpack = MessagePackSessionSerializer.Instance;

        var changes = SessionCodec.Encode(SampleSession(msgpack), msgpack, ChangeDetection.Automatic)!;

        SnapshotFiles.MatchBinary(MessagePackSnapshotFile, AsOneMap(changes.Set));
    }

    [Fact]
    public void ThePinnedMessagePackSessionObjectStillReads()
    {
        var msgpack = MessagePackSessionSerializer.Instance;
        var fields = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var reader = new MessagePackReader(SnapshotFiles.ReadBinary(MessagePackSnapshotFile));
        for (var count = reader.ReadMapHeader(); count > 0; count--)
        {
            fields[reader.ReadString()!] = reader.ReadRaw().ToArray();
        }

        var state = SessionCodec.Decode(new StoredSession(7, fields), msgpack, new Dictionary<string, BeanDescriptor> { [Cart.Key] = Cart });

        Assert.Equal("session-0001", state.Id);
        Assert.Equal(TimeSpan.FromMinutes(30), state.Meta.MaxInactive);
        Assert.Equal(["tea", "Käse"], ((CartBean)state.GetBean(Cart, msgpack)).Items.Select(i => i.Name));
        var record = state.Views[ViewId];
        Assert.Equal(4, record.Number);
        Assert.Equal(SessionFormat.MessagePack, record.Components[CounterPath].Format);
        Assert.Equal("""{"count":3}""", record.Components[CounterPath].ToString());
    }

    [Fact]
    public void ThePinnedSessionObjectStillReads()
    {
        var fields = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(SnapshotFiles.Read(SnapshotFile)))
        {
            foreach (var field in document.RootElement.EnumerateObject())
            {
                fields[field.Name] = JsonSerializer.SerializeToUtf8Bytes(field.Value);
            }
        }

        var state = SessionCodec.Decode(new StoredSession(7, fields), serializer, new Dictionary<string, BeanDescriptor> { [Cart.Key] = Cart });

        Assert.Equal("session-0001", state.Id);
        Assert.Equal(7, state.Version);
        Assert.Equal(TimeSpan.FromMinutes(30), state.Meta.MaxInactive);
        var cart = (CartBean)state.GetBean(Cart, serializer);
        Assert.Equal(["tea", "Käse"], cart.Items.Select(i => i.Name));
        Assert.Equal(3, cart.NextId);
        var record = state.Views[ViewId];
        Assert.Equal("http://localhost/counter", record.Url);
        Assert.Equal(4, record.Number);
        Assert.Equal(3, record.LastEventId);
        Assert.Equal("""{"count":3}""", record.Components[CounterPath].ToString());
    }

    [Fact]
    public void EncodingAgainAfterTheWriteWritesNothing()
    {
        var state = SampleSession();
        var changes = SessionCodec.Encode(state, serializer, ChangeDetection.Automatic)!;
        SessionCodec.Committed(state, changes, 1);

        Assert.Null(SessionCodec.Encode(state, serializer, ChangeDetection.Automatic));
    }

    private SessionState SampleSession() => SampleSession(serializer);

    private static SessionState SampleSession(ISessionSerializer serializer)
    {
        var created = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var state = SessionState.New("session-0001", created, TimeSpan.FromMinutes(30));
        state.Meta.CsrfToken = "token-0001";
        state.Meta.LastAccess = created.AddMinutes(5);

        var cart = new CartBean();
        cart.Add("tea");
        cart.Add("Käse");
        state.Beans[Cart.Key] = new BeanSlot(Cart) { Instance = cart };

        // The counter's real [ViewState], captured as a view does after its third click.
        var counter = new Counter();
        var accessor = ComponentStateAccessor.For(typeof(Counter))!;
        accessor.Restore(counter, new StateValue(SessionFormat.Json, "{\"count\":3}"u8.ToArray()), serializer);
        state.SetView(ViewId, new ViewRecord
        {
            Url = "http://localhost/counter",
            Number = 4,
            LastEventId = 3,
            DomHash = "0123456789abcdef",
            LastAccess = created.AddMinutes(5),
            Components = new Dictionary<string, StateValue>(StringComparer.Ordinal) { [CounterPath] = accessor.Capture(counter, serializer) },
        });
        return state;
    }

    // One MessagePack map with every field (ordinal order), each field's bytes embedded as they are stored.
    private static byte[] AsOneMap(IReadOnlyDictionary<string, byte[]> fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(fields.Count);
        foreach (var (name, bytes) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            writer.Write(name);
            writer.WriteRaw(bytes);
        }
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    // One JSON object with every field (ordinal order), each field's bytes embedded as they are stored.
    private static byte[] AsOneDocument(IReadOnlyDictionary<string, byte[]> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (name, bytes) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(bytes);
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}

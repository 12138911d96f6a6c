using System.Reflection;
using System.Text;
using System.Text.Json;
using RazorFaces.Session;
using RazorFaces.State;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Views;

namespace RazorFaces.Tests.State;

/// <summary>
/// A node holds a session object (and a record per view) for every session it serves, passivated views included:
/// objects that almost every session leaves empty are shared or created on first use, without changing what is stored.
/// </summary>
public sealed class SessionMemoryTests
{
    private static readonly ISessionSerializer Serializer = JsonSessionSerializer.Instance;

    [Fact]
    public void SavingASessionThatNeverRemovedAFieldOrReadAnUnknownOneCreatesNeitherSet()
    {
        var state = SessionState.New("session-1", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(30));
        state.SetView("view-1", new ViewRecord { Url = "counter", Number = 1 });

        var changes = SessionCodec.Encode(state, Serializer, ChangeDetection.Automatic)!;
        SessionCodec.Committed(state, changes, 1);
        SessionCodec.EncodeAll(state, Serializer);

        Assert.Empty(changes.Removed);
        Assert.Null(PrivateField(state, "_removed"));
        Assert.Null(PrivateField(state, "_unknown"));
    }

    [Fact]
    public void ARemovedViewIsStillDeletedAtTheNextSaveAndOnlyThen()
    {
        var state = SessionState.New("session-1", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(30));
        state.SetView("view-1", new ViewRecord { Url = "counter", Number = 1 });
        SessionCodec.Committed(state, SessionCodec.Encode(state, Serializer, ChangeDetection.Automatic)!, 1);

        state.RemoveView("view-1");
        var changes = SessionCodec.Encode(state, Serializer, ChangeDetection.Automatic)!;
        SessionCodec.Committed(state, changes, 2);

        Assert.Equal([SessionFields.ViewField("view-1")], changes.Removed);
        Assert.Null(SessionCodec.Encode(state, Serializer, ChangeDetection.Automatic));
    }

    [Fact]
    public void UnknownFieldsReadFromTheStoreAreStillWrittenBackUnderANewId()
    {
        var stored = new StoredSession(3, new Dictionary<string, byte[]>
        {
            [SessionFields.MetaField] = Serializer.Serialize(SessionState.New("session-1", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(30)).Meta, typeof(SessionMeta)),
            ["bean:Other.Build.Bean"] = Encoding.UTF8.GetBytes("{\"x\":1}"),
        });

        var state = SessionCodec.Decode(stored, Serializer, new Dictionary<string, BeanDescriptor>());

        Assert.Equal("{\"x\":1}", Encoding.UTF8.GetString(SessionCodec.EncodeAll(state, Serializer)["bean:Other.Build.Bean"]));
    }

    [Fact]
    public async Task RecordsOfViewsWithoutViewBeansOrGroupsShareOneEmptyInstanceOfEach()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var first = server.NewBrowser();
        using var second = server.NewBrowser();
        var a = (await first.OpenAsync("counter")).ViewId;
        var b = (await second.OpenAsync("counter")).ViewId;

        var recordA = await server.Registry().Find(a)!.CaptureAsync();
        var recordB = await server.Registry().Find(b)!.CaptureAsync();

        Assert.Empty(recordA.Beans);
        Assert.Empty(recordA.Groups);
        Assert.Same(recordA.Beans, recordB.Beans);
        Assert.Same(recordA.Groups, recordB.Groups);
    }

    [Fact]
    public void ARecordWithoutViewBeansOrGroupsIsStoredWithEmptyOnesAndReadsBackEmpty()
    {
        var bytes = Serializer.Serialize(new ViewRecord { Url = "counter", Number = 2 }, typeof(ViewRecord));
        var json = Encoding.UTF8.GetString(bytes);

        var read = (ViewRecord)Serializer.Deserialize(bytes, typeof(ViewRecord))!;

        Assert.Contains("\"beans\":{}", json, StringComparison.Ordinal);
        Assert.Contains("\"groups\":[]", json, StringComparison.Ordinal);
        Assert.Empty(read.Beans);
        Assert.Empty(read.Groups);
        Assert.Equal(2, read.Number);
    }

    private static object? PrivateField(object target, string name) =>
        (target.GetType().GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new MissingFieldException(target.GetType().Name, name)).GetValue(target);
}

using RazorFaces.Session;
using RazorFaces.State;

namespace RazorFaces.Tests.Session;

/// <summary>The ids of views dropped for the per-session cap travel with the session object, so any node tells their tabs.</summary>
public sealed class EvictedViewsTests
{
    private static readonly ISessionSerializer Serializer = JsonSessionSerializer.Instance;

    [Fact]
    public void EvictedViewIdsAreStoredReadBackOnAnotherNodeAndNotRewrittenWhenUnchanged()
    {
        var state = SessionState.New("session-1", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(30));
        state.SetView("a", new ViewRecord { Url = "/counter" });
        state.SetView("b", new ViewRecord { Url = "/todos" });
        state.EvictView("a", remember: 4);

        var changes = SessionCodec.Encode(state, Serializer, ChangeDetection.Automatic)!;
        Assert.Contains(SessionFields.EvictedField, changes.Set.Keys);
        SessionCodec.Committed(state, changes, 1);
        var read = SessionCodec.Decode(new StoredSession(1, changes.Set), Serializer, new Dictionary<string, BeanDescriptor>());

        Assert.True(read.WasEvicted("a"));
        Assert.False(read.WasEvicted("b"));
        Assert.Equal(["b"], read.Views.Keys);
        Assert.Null(SessionCodec.Encode(read, Serializer, ChangeDetection.Automatic));
    }

    [Fact]
    public void ASessionThatNeverEvictedWritesNoEvictedField()
    {
        var state = SessionState.New("session-1", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(30));
        state.SetView("a", new ViewRecord { Url = "/counter" });

        Assert.DoesNotContain(SessionFields.EvictedField, SessionCodec.EncodeAll(state, Serializer).Keys);
    }

    [Fact]
    public void OnlyTheLastEvictionsAreRememberedAndAnIdEvictedAgainMovesToTheEnd()
    {
        var state = SessionState.New("session-1", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(30));
        foreach (var id in new[] { "a", "b", "c", "a", "d" })
        {
            state.EvictView(id, remember: 3);
        }

        Assert.Equal(["c", "a", "d"], state.Evicted);
    }
}

using RazorFaces.State;
using static RazorFaces.Tests.State.StateSamples;

namespace RazorFaces.Tests.State;

public class ComponentStateAccessorTests
{
    private readonly ISessionSerializer serializer = JsonSessionSerializer.Instance;

    [Fact]
    public void ComponentWithoutStateMembersHasNoAccessor()
    {
        Assert.Null(ComponentStateAccessor.For(typeof(StatelessComponent)));
    }

    [Fact]
    public void AccessorIsBuiltOncePerType()
    {
        Assert.Same(ComponentStateAccessor.For(typeof(SampleCounter)), ComponentStateAccessor.For(typeof(SampleCounter)));
    }

    [Fact]
    public void CaptureWritesPrivateInheritedAndPersistentStateMembersByName()
    {
        var counter = new SampleCounter { Filter = "all", NotState = 7 };
        counter.Click("a");
        counter.ClickBase();

        var state = ComponentStateAccessor.For(typeof(SampleCounter))!.Capture(counter, serializer);

        Assert.Equal(
            """{"Filter":"all","Mode":"Express","baseClicks":1,"count":1,"history":["a"]}""",
            state.ToString());
    }

    [Fact]
    public void RestoreIntoAFreshInstanceReproducesTheCapturedState()
    {
        var original = new SampleCounter { Filter = "done" };
        original.Click("x");
        original.Click("y");
        original.ClickBase();
        var accessor = ComponentStateAccessor.For(typeof(SampleCounter))!;

        var rebuilt = new SampleCounter();
        accessor.Restore(rebuilt, accessor.Capture(original, serializer), serializer);

        Assert.Equal(2, rebuilt.Count);
        Assert.Equal(["x", "y"], rebuilt.History);
        Assert.Equal("done", rebuilt.Filter);
        Assert.Equal(Shipping.Express, rebuilt.CurrentMode);
        Assert.Equal(1, rebuilt.BaseClicks);
    }

    [Fact]
    public void MembersMissingFromSavedStateKeepTheirCurrentValueAndUnknownOnesAreIgnored()
    {
        var counter = new SampleCounter { Filter = "kept" };
        counter.Click("before");
        var accessor = ComponentStateAccessor.For(typeof(SampleCounter))!;

        accessor.Restore(counter, Json("""{"count":5,"removedInThisBuild":{"x":1}}"""), serializer);

        Assert.Equal(5, counter.Count);
        Assert.Equal("kept", counter.Filter);
        Assert.Equal(["before"], counter.History);
    }

    [Fact]
    public void RestoringAValueThatDoesNotFitNamesTheComponentAndTheMember()
    {
        var accessor = ComponentStateAccessor.For(typeof(SampleCounter))!;

        var error = Assert.Throws<SessionStateException>(
            () => accessor.Restore(new SampleCounter(), Json("""{"count":"many"}"""), serializer));

        Assert.StartsWith("SampleCounter.count cannot be restored", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RestoringNullIntoAValueTypeMemberNamesTheComponentAndTheMember()
    {
        var accessor = ComponentStateAccessor.For(typeof(SampleCounter))!;

        var error = Assert.Throws<SessionStateException>(
            () => accessor.Restore(new SampleCounter(), Json("""{"count":null}"""), serializer));

        Assert.StartsWith("SampleCounter.count cannot be restored", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SavedStateThatIsNotAnObjectIsRejected()
    {
        var accessor = ComponentStateAccessor.For(typeof(SampleCounter))!;

        var error = Assert.Throws<SessionStateException>(() => accessor.Restore(new SampleCounter(), Json("[1]"), serializer));

        Assert.Contains("SampleCounter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadonlyStateFieldIsRejectedWithTheReason()
    {
        var error = Assert.Throws<SessionStateException>(() => ComponentStateAccessor.For(typeof(ReadonlyStateComponent)));

        Assert.StartsWith("ReadonlyStateComponent.items: a readonly field cannot be restored", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetOnlyStatePropertyIsRejectedWithTheReason()
    {
        var error = Assert.Throws<SessionStateException>(() => ComponentStateAccessor.For(typeof(GetOnlyStateComponent)));

        Assert.StartsWith("GetOnlyStateComponent.Total: a get-only property cannot be restored", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StateFieldsWithTheSameNameInBaseAndDerivedClassAreRejected()
    {
        var error = Assert.Throws<SessionStateException>(() => ComponentStateAccessor.For(typeof(ShadowingComponent)));

        Assert.Contains("two state members are named 'value'", error.Message, StringComparison.Ordinal);
    }

    private static StateValue Json(string text) => new(SessionFormat.Json, System.Text.Encoding.UTF8.GetBytes(text));
}

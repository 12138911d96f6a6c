using RazorFaces.Dom;
using static RazorFaces.Tests.Dom.Build;

namespace RazorFaces.Tests.Dom;

public class DomPatchApplierTests
{
    [Fact]
    public void InsertAtChildCountAppends()
    {
        var applied = DomPatchApplier.Apply(List("a"), [new InsertPatch([0], 1, Li("b"))]);

        Assert.True(DomEquality.AreEqual(List("a", "b"), applied));
    }

    [Fact]
    public void MoveTakesTheChildOutBeforeInsertingItAtTheTargetIndex()
    {
        var applied = DomPatchApplier.Apply(List("a", "b", "c", "d"), [new MovePatch([0], 0, 2)]);

        Assert.True(DomEquality.AreEqual(List("b", "c", "a", "d"), applied));
    }

    [Fact]
    public void LaterPatchesResolveAgainstTheTreeEarlierPatchesLeft()
    {
        Patch[] patches = [new RemovePatch([0, 0]), new SetTextPatch([0, 0, 0], "B")];

        var applied = DomPatchApplier.Apply(List("a", "b"), patches);

        Assert.Equal("<ul><li>B</li></ul>", DomHtmlWriter.WriteChildren(applied));
    }

    [Fact]
    public void AttributePatchesSetAndRemove()
    {
        var before = Root(Attrs("input", [("value", "a"), ("disabled", "")]));
        Patch[] patches = [new SetAttributePatch([0], "value", "b"), new RemoveAttributePatch([0], "disabled"), new SetAttributePatch([0], "id", "i")];

        var applied = DomPatchApplier.Apply(before, patches);

        Assert.Equal("<input value=\"b\" id=\"i\">", DomHtmlWriter.WriteChildren(applied));
    }

    [Fact]
    public void UnchangedSiblingsAreSharedWithTheInput()
    {
        var sibling = El("p", T("x"));
        var applied = DomPatchApplier.Apply(Root(sibling, El("b", T("1"))), [new SetTextPatch([1, 0], "2")]);

        Assert.Same(sibling, applied.Children[0]);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(-1)]
    public void PathThatDoesNotResolveThrowsNamingThePatch(int index)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DomPatchApplier.Apply(List("a"), [new RemovePatch([0, index])]));

        Assert.Contains("Patch #0 (Remove at [0," + index + "])", error.Message);
    }

    [Fact]
    public void PathThroughATextNodeThrows()
    {
        Assert.Throws<InvalidOperationException>(() => DomPatchApplier.Apply(Root(T("a")), [new SetTextPatch([0, 0], "b")]));
    }

    [Fact]
    public void SetTextOnAnElementThrows()
    {
        Assert.Throws<InvalidOperationException>(() => DomPatchApplier.Apply(Root(El("p")), [new SetTextPatch([0], "b")]));
    }

    [Fact]
    public void InsertBeyondTheChildCountThrows()
    {
        Assert.Throws<InvalidOperationException>(() => DomPatchApplier.Apply(List("a"), [new InsertPatch([0], 2, Li("b"))]));
    }

    [Fact]
    public void MoveToAnIndexOutsideTheListThrows()
    {
        Assert.Throws<InvalidOperationException>(() => DomPatchApplier.Apply(List("a", "b"), [new MovePatch([0], 0, 2)]));
    }

    [Fact]
    public void RemovingTheRootThrows()
    {
        Assert.Throws<InvalidOperationException>(() => DomPatchApplier.Apply(List("a"), [new RemovePatch([])]));
    }
}

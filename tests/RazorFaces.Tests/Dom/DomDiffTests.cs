using RazorFaces.Dom;
using static RazorFaces.Tests.Dom.Build;

namespace RazorFaces.Tests.Dom;

public class DomDiffTests
{
    [Fact]
    public void IdenticalTreesGiveNoPatches()
    {
        var before = Root(El("p", T("a")), Attrs("input", [("value", "x")]));
        var after = Root(El("p", T("a")), Attrs("input", [("value", "x")]));

        AssertDiff(before, after, "[]");
    }

    [Fact]
    public void SameRootGivesNoPatches()
    {
        var root = List("a", "b");

        Assert.Empty(DomDiff.Compute(root, root));
    }

    [Fact]
    public void SharedSubtreeIsSkippedByReference()
    {
        // A malformed, cyclic subtree: walking into it would never end. Shared by reference, it must be skipped.
        var children = new DomNode[1];
        var shared = new DomElement("section", children: children);
        children[0] = shared;
        var before = Root(shared, El("p", T("1")));
        var after = Root(shared, El("p", T("2")));

        Assert.Equal("[[1,[1,0],\"2\"]]", RazorFaces.Protocol.PatchWriter.ToJson(DomDiff.Compute(before, after)));
    }

    [Fact]
    public void ChangedTextBecomesOneSetTextPatch()
    {
        AssertDiff(Root(El("p", T("Count: "), El("b", T("1")))), Root(El("p", T("Count: "), El("b", T("2")))), "[[1,[0,1,0],\"2\"]]");
    }

    [Fact]
    public void AddedAttributeBecomesSetAttribute()
    {
        AssertDiff(Root(Attrs("a", [("href", "/x")])), Root(Attrs("a", [("href", "/x"), ("class", "on")])), "[[2,[0],\"class\",\"on\"]]");
    }

    [Fact]
    public void ChangedAttributeBecomesSetAttribute()
    {
        AssertDiff(Root(Attrs("input", [("type", "text"), ("value", "a")])), Root(Attrs("input", [("type", "text"), ("value", "b")])),
            "[[2,[0],\"value\",\"b\"]]");
    }

    [Fact]
    public void RemovedAttributeBecomesRemoveAttribute()
    {
        AssertDiff(Root(Attrs("button", [("disabled", ""), ("id", "go")])), Root(Attrs("button", [("id", "go")])), "[[3,[0],\"disabled\"]]");
    }

    [Fact]
    public void RootAttributesAreNotCompared()
    {
        var before = new DomElement("div", [new DomAttribute("id", "rf-root")], [T("x")]);
        var after = new DomElement("div", [new DomAttribute("id", "other")], [T("x")]);

        Assert.Empty(DomDiff.Compute(before, after));
    }

    [Fact]
    public void ChangedTagBecomesReplace()
    {
        AssertDiff(Root(El("p", T("a"))), Root(El("h1", T("a"))), "[[7,[0],\"<h1>a</h1>\"]]");
    }

    [Fact]
    public void ChangedKeyBecomesReplace()
    {
        AssertDiff(Root(Keyed("p", "1", T("a"))), Root(Keyed("p", "2", T("a"))), "[[7,[0],\"<p>a</p>\"]]");
    }

    [Fact]
    public void TextTurnedIntoElementBecomesReplace()
    {
        AssertDiff(Root(T("a")), Root(El("b", T("a"))), "[[7,[0],\"<b>a</b>\"]]");
    }

    [Fact]
    public void KeyedRemovalInTheMiddleIsOneRemove()
    {
        AssertDiff(List("a", "b", "c"), List("a", "c"), "[[5,[0,1]]]");
    }

    [Fact]
    public void KeyedInsertAtTheFrontIsOneInsert()
    {
        AssertDiff(List("a", "b"), List("z", "a", "b"), "[[4,[0],0,\"<li>z</li>\"]]");
    }

    [Fact]
    public void KeyedItemMovedUpOneIsOneMove()
    {
        AssertDiff(List("a", "b", "c", "d", "e"), List("a", "b", "d", "c", "e"), "[[6,[0],2,3]]");
    }

    [Fact]
    public void KeyedItemMovedToTheFrontIsOneMove()
    {
        AssertDiff(List("a", "b", "c", "d"), List("d", "a", "b", "c"), "[[6,[0],3,0]]");
    }

    [Fact]
    public void ReversedKeyedListNeedsOneMoveLessThanItsLength()
    {
        AssertDiff(List("a", "b", "c", "d"), List("d", "c", "b", "a"), "[[6,[0],0,3],[6,[0],0,2],[6,[0],0,1]]");
    }

    [Fact]
    public void KeyedItemsAreMovedAndPatchedNotRebuilt()
    {
        var before = Root(El("ul", Keyed("li", "a", T("A")), Keyed("li", "b", T("B"))));
        var after = Root(El("ul", Keyed("li", "b", T("B2")), Keyed("li", "a", T("A"))));

        AssertDiff(before, after, "[[6,[0],0,1],[1,[0,0,0],\"B2\"]]");
    }

    [Fact]
    public void KeyedSwapWithInsertAndRemoveStaysConsistent()
    {
        AssertDiff(List("a", "b", "c", "d"), List("c", "x", "a", "d"), "[[5,[0,1]],[6,[0],0,1],[4,[0],1,\"<li>x</li>\"]]");
    }

    [Fact]
    public void DuplicateKeysFallBackToPositionalMatching()
    {
        AssertDiff(List("a", "a", "b"), List("b", "a", "a"), "[[7,[0,0],\"<li>b</li>\"],[7,[0,2],\"<li>a</li>\"]]");
    }

    [Fact]
    public void UnkeyedAppendIsOneInsertAtTheEnd()
    {
        AssertDiff(Root(El("p", T("1"))), Root(El("p", T("1")), El("p", T("2"))), "[[4,[],1,\"<p>2</p>\"]]");
    }

    [Fact]
    public void UnkeyedRemovalAtTheEndIsOneRemove()
    {
        AssertDiff(Root(El("p", T("1")), El("p", T("2")), El("p", T("3"))), Root(El("p", T("1"))), "[[5,[2]],[5,[1]]]");
    }

    [Fact]
    public void UnkeyedChangeInTheMiddleReplacesByPosition()
    {
        AssertDiff(Root(El("p"), El("span"), El("p")), Root(El("p"), El("em"), El("p")), "[[7,[1],\"<em></em>\"]]");
    }

    [Fact]
    public void NestedChangeUsesIndexAfterEarlierInsertInSameParent()
    {
        var before = Root(El("ul", Li("a"), Keyed("li", "b", El("span", T("old")))));
        var after = Root(El("ul", Li("z"), Li("a"), Keyed("li", "b", El("span", T("new")))));

        AssertDiff(before, after, "[[4,[0],0,\"<li>z</li>\"],[1,[0,2,0,0],\"new\"]]");
    }

    [Fact]
    public void NestedChangeUsesIndexAfterEarlierRemoveInSameParent()
    {
        var before = Root(El("p", T("x")), El("hr"), El("div", El("b", T("old"))));
        var after = Root(El("p", T("x")), El("div", El("b", T("new"))));

        AssertDiff(before, after, "[[5,[1]],[1,[1,0,0],\"new\"]]");
    }

    [Fact]
    public void TextBetweenKeyedItemsIsKeptAndMatchedInOrder()
    {
        var before = Root(Li("a"), T(" "), Li("b"), T(" "), Li("c"));
        var after = Root(Li("c"), T(" "), Li("b"), T(" "), Li("a"));

        var patches = DomDiff.Compute(before, after);

        AssertFidelity(before, after, patches);
        Assert.All(patches, p => Assert.IsType<MovePatch>(p));
    }

    [Fact]
    public void ElementWithSameKeyButOtherTagIsReplaced()
    {
        AssertDiff(Root(Keyed("p", "a"), Keyed("p", "b")), Root(Keyed("div", "a"), Keyed("p", "b")), "[[7,[0],\"<div></div>\"]]");
    }

    [Fact]
    public void KeyedListWithNoKeyInCommonIsReplacedPositionByPosition()
    {
        AssertDiff(List("a", "b", "c"), List("x", "y"), "[[7,[0,0],\"<li>x</li>\"],[7,[0,1],\"<li>y</li>\"],[5,[0,2]]]");
    }

    [Fact]
    public void KeyedItemThatChangedTagAmongMovedItemsIsRemovedAndInserted()
    {
        var before = Root(El("ul", Li("a"), Li("b"), Li("c")));
        var after = Root(El("ul", Li("c"), Keyed("p", "b"), Li("a")));

        AssertDiff(before, after, "[[5,[0,1]],[6,[0],0,1],[4,[0],1,\"<p></p>\"]]");
    }
}

using FsCheck;
using FsCheck.Fluent;
using RazorFaces.Dom;
using static RazorFaces.Tests.Dom.Build;

namespace RazorFaces.Tests.Dom;

public class DomHashTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(600);

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public void AStructuralCopyBuiltSeparatelyHashesTheSame()
    {
        Check.One(Config, Prop.ForAll(Seeds, seed =>
        {
            var tree = new RandomDom(seed).Tree();
            return (DomHash.Of(tree) == DomHash.Of(DeepCopy(tree))).Label($"seed {seed}");
        }));
    }

    [Fact]
    public void AnEditedTreeHashesTheSameOnlyWhenItIsStructurallyEqual()
    {
        Check.One(Config, Prop.ForAll(Seeds, seed =>
        {
            var random = new RandomDom(seed);
            var before = random.Tree();
            var after = random.Edit(before);
            var sameHash = DomHash.Of(before) == DomHash.Of(after);
            return (!sameHash || DomEquality.AreEqual(before, after)).Label($"seed {seed}: equal hashes of different trees");
        }));
    }

    [Fact]
    public void ATreeWhoseSubtreesWereHashedBeforeHashesLikeAFreshCopy()
    {
        // The cached fingerprints of shared subtrees must give what hashing everything anew gives.
        Check.One(Config, Prop.ForAll(Seeds, seed =>
        {
            var random = new RandomDom(seed);
            var before = random.Tree();
            _ = DomHash.Of(before);
            var after = random.Edit(before);
            return (DomHash.Of(after) == DomHash.Of(DeepCopy(after))).Label($"seed {seed}");
        }));
    }

    [Fact]
    public void ATreeDiffedAgainstAHashedOneHashesLikeAFreshCopy()
    {
        // The diff hands unchanged elements the old element's fingerprint: whatever it hands on must be right.
        Check.One(Config, Prop.ForAll(Seeds, seed =>
        {
            var random = new RandomDom(seed);
            var before = random.Tree();
            _ = DomHash.Of(before);
            var after = DeepCopy(random.Edit(before));
            _ = DomDiff.Compute(before, after);
            return (DomHash.Of(after) == DomHash.Of(DeepCopy(after))).Label($"seed {seed}");
        }));
    }

    [Fact]
    public void AnUnchangedElementOfARebuiltTreeTakesTheOldFingerprintAndAChangedOneDoesNot()
    {
        var before = Root(El("ul", Li("a"), Li("b")), Attrs("p", [("class", "x"), ("id", "y")], T("1")));
        _ = DomHash.Of(before);
        var after = Root(El("ul", Li("a"), Keyed("li", "b", T("B"))), Attrs("p", [("id", "y"), ("class", "x")], T("1")));

        Assert.NotEmpty(DomDiff.Compute(before, after));

        var list = (DomElement)after.Children[0];
        Assert.True(((DomElement)list.Children[0]).IsFingerprinted);
        Assert.False(((DomElement)list.Children[1]).IsFingerprinted);
        // The same attributes in another order make no patch, but they hash differently: not taken.
        Assert.False(((DomElement)after.Children[1]).IsFingerprinted);
        Assert.Equal(DomHash.Of(DeepCopy(after)), DomHash.Of(after));
    }

    [Theory]
    [InlineData("text moved between siblings")]
    [InlineData("attribute name and value split differently")]
    [InlineData("key added")]
    [InlineData("tag changed")]
    [InlineData("text inside vs beside an element")]
    public void NearlyIdenticalTreesHashDifferently(string change)
    {
        var (left, right) = change switch
        {
            "text moved between siblings" => (Root(El("b", T("ab")), El("b", T("c"))), Root(El("b", T("a")), El("b", T("bc")))),
            "attribute name and value split differently" => (Root(Attrs("p", [("ab", "c")])), Root(Attrs("p", [("a", "bc")]))),
            "key added" => (Root(El("li", T("x"))), Root(Keyed("li", "x", T("x")))),
            "tag changed" => (Root(El("b", T("x"))), Root(El("i", T("x")))),
            _ => (Root(El("b", T("x"))), Root(El("b"), T("x"))),
        };
        Assert.NotEqual(DomHash.Of(left), DomHash.Of(right));
    }

    [Fact]
    public void TheHashIsTheSameInEveryProcess()
    {
        // Stored in the session and compared by whichever node rebuilds the view: it must not depend on the process.
        // Pinned: changing the algorithm makes every view rebuilt during a rolling upgrade answer with a refresh.
        var page = Root(Attrs("button", [("class", "btn"), ("data-rf", "root/0#0:1")], T("+1")), El("p", T("Count: 3")));
        Assert.Equal("11BF4CBF2D601F9B", DomHash.Of(page));
    }

    private static DomElement DeepCopy(DomElement element) => new(
        element.Tag,
        [.. element.Attributes],
        [.. element.Children.Select(c => c is DomElement e ? DeepCopy(e) : (DomNode)new DomText(((DomText)c).Text))],
        element.Key);
}

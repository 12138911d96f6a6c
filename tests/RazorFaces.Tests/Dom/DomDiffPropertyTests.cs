using FsCheck;
using FsCheck.Fluent;
using RazorFaces.Dom;
using RazorFaces.Protocol;

namespace RazorFaces.Tests.Dom;

public class DomDiffPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(600);

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public void ApplyingTheDiffOfAnEditedTreeGivesTheEditedTree()
    {
        Check.One(Config, Prop.ForAll(Seeds, seed =>
        {
            var random = new RandomDom(seed);
            var before = random.Tree();
            var after = random.Edit(before);
            return Fidelity(before, after).Label($"seed {seed}");
        }));
    }

    [Fact]
    public void ApplyingTheDiffOfTwoIndependentTreesGivesTheSecondTree()
    {
        Check.One(Config, Prop.ForAll(Seeds, seed =>
        {
            var random = new RandomDom(seed);
            return Fidelity(random.Tree(), random.Tree()).Label($"seed {seed}");
        }));
    }

    [Fact]
    public void TheDiffOfATreeWithAStructuralCopyIsEmpty()
    {
        Check.One(Config, Prop.ForAll(Seeds, seed =>
        {
            var tree = new RandomDom(seed).Tree();
            var patches = DomDiff.Compute(tree, DeepCopy(tree));
            return (patches.Count == 0).Label($"seed {seed}: {PatchWriter.ToJson(patches)}");
        }));
    }

    [Fact]
    public void EveryPatchOfAnEditedTreeResolvesWhenAppliedOneByOne()
    {
        // Stronger than fidelity: every intermediate state must be a DOM the next patch fits.
        Check.One(Config.WithMaxTest(200), Prop.ForAll(Seeds, seed =>
        {
            var random = new RandomDom(seed);
            var tree = random.Tree();
            foreach (var patch in DomDiff.Compute(tree, random.Edit(tree)))
            {
                tree = DomPatchApplier.Apply(tree, [patch]);
            }
            return true;
        }));
    }

    private static bool Fidelity(DomElement before, DomElement after)
    {
        var patches = DomDiff.Compute(before, after);
        return DomEquality.AreEqual(DomPatchApplier.Apply(before, patches), after);
    }

    private static DomElement DeepCopy(DomElement element) => new(
        element.Tag,
        [.. element.Attributes],
        [.. element.Children.Select(c => c is DomElement e ? DeepCopy(e) : (DomNode)new DomText(((DomText)c).Text))],
        element.Key);
}

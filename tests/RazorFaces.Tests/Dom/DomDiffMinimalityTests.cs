using FsCheck;
using FsCheck.Fluent;
using RazorFaces.Dom;
using static RazorFaces.Tests.Dom.Build;

namespace RazorFaces.Tests.Dom;

public class DomDiffMinimalityTests
{
    [Fact]
    public void PermutedKeyedListNeedsOnlyTheMovesOutsideALongestIncreasingRun()
    {
        var permutations = Gen.Choose(1, 9).SelectMany(n => Gen.Shuffle(Enumerable.Range(0, n))).ToArbitrary();

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(permutations, order =>
        {
            var keys = order.Select(i => "k" + i).ToArray();
            var before = List([.. keys.Order()]);
            var after = List(keys);

            var patches = DomDiff.Compute(before, after);

            var onlyMoves = patches.All(p => p is MovePatch);
            var expectedMoves = order.Length - LongestIncreasingLength(order);
            return (onlyMoves && patches.Count == expectedMoves && DomEquality.AreEqual(DomPatchApplier.Apply(before, patches), after))
                .Label($"{string.Join(",", order)}: {RazorFaces.Protocol.PatchWriter.ToJson(patches)}");
        }));
    }

    [Fact]
    public void InsertsAndRemovesInALongKeyedListDoNotMoveAnything()
    {
        var keys = Enumerable.Range(0, 1000).Select(i => "k" + i).ToArray();
        var before = List(keys);
        var after = List([.. keys.Where((_, i) => i % 10 != 3).SelectMany((k, i) => i % 7 == 0 ? new[] { "new" + i, k } : [k])]);

        var patches = DomDiff.Compute(before, after);

        Assert.DoesNotContain(patches, p => p is MovePatch);
        Assert.Equal(100 + 129, patches.Count);
        AssertFidelity(before, after, patches);
    }

    private static int LongestIncreasingLength(int[] sequence)
    {
        // The quadratic textbook version, independent of the diff's patience sort.
        var best = new int[sequence.Length];
        for (var i = 0; i < sequence.Length; i++)
        {
            best[i] = 1;
            for (var j = 0; j < i; j++)
            {
                if (sequence[j] < sequence[i])
                {
                    best[i] = Math.Max(best[i], best[j] + 1);
                }
            }
        }
        return best.Length == 0 ? 0 : best.Max();
    }
}

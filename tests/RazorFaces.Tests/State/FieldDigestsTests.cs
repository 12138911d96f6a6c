using System.Reflection;
using RazorFaces.State;

namespace RazorFaces.Tests.State;

/// <summary>The per-field digests change detection compares against: a dictionary's behaviour in a small array.</summary>
public sealed class FieldDigestsTests
{
    [Fact]
    public void ADigestIsFoundByItsFieldNameAndASecondWriteReplacesIt()
    {
        var digests = new FieldDigests();
        digests["meta"] = 1;
        digests["view:a"] = 2;

        digests["meta"] = 3;

        Assert.True(digests.TryGetValue("meta", out var meta));
        Assert.Equal((UInt128)3, meta);
        Assert.True(digests.ContainsKey("view:a"));
        Assert.False(digests.TryGetValue("view:b", out _));
        Assert.Equal(["meta", "view:a"], digests.Keys);
    }

    [Fact]
    public void ARemovedFieldIsGoneAndTheOthersStay()
    {
        var digests = new FieldDigests();
        digests["meta"] = 1;
        digests["view:a"] = 2;
        digests["view:b"] = 3;

        Assert.True(digests.Remove("meta"));
        Assert.False(digests.Remove("meta"));

        Assert.False(digests.ContainsKey("meta"));
        Assert.Equal(["view:a", "view:b"], digests.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, digests.Count);
    }

    [Fact]
    public void ASessionWithMetadataAndOneViewKeepsItsDigestsInOneArrayOfTwo()
    {
        var digests = new FieldDigests();
        digests["meta"] = 1;
        digests["view:a"] = 2;
        digests["view:a"] = 4;

        var entries = (Array)typeof(FieldDigests).GetField("_entries", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(digests)!;

        Assert.Equal(2, entries.Length);
    }

    [Fact]
    public void RandomSetsAndRemovesAgreeWithADictionary()
    {
        var random = new Random(20261122);
        for (var round = 0; round < 200; round++)
        {
            var digests = new FieldDigests();
            var model = new Dictionary<string, UInt128>(StringComparer.Ordinal);
            for (var step = 0; step < 40; step++)
            {
                var name = "view:" + random.Next(8);
                switch (random.Next(4))
                {
                    case 0:
                        Assert.Equal(model.Remove(name), digests.Remove(name));
                        break;
                    case 1:
                        digests.Clear();
                        model.Clear();
                        break;
                    default:
                        var value = (UInt128)random.NextInt64();
                        digests[name] = value;
                        model[name] = value;
                        break;
                }
                Assert.Equal(model.Count, digests.Count);
                Assert.Equal(model.Keys.Order(StringComparer.Ordinal), digests.Keys.Order(StringComparer.Ordinal));
                foreach (var (key, expected) in model)
                {
                    Assert.True(digests.TryGetValue(key, out var actual));
                    Assert.Equal(expected, actual);
                }
            }
        }
    }
}

using RazorFaces.Dom;
using RazorFaces.Protocol;

namespace RazorFaces.Tests.Dom;

/// <summary>Short constructors for DOM trees in tests, and the two assertions every diff test makes.</summary>
internal static class Build
{
    public static DomElement Root(params DomNode[] children) => new("div", children: children);

    public static DomElement El(string tag, params DomNode[] children) => new(tag, children: children);

    public static DomElement Keyed(string tag, string key, params DomNode[] children) => new(tag, children: children, key: key);

    public static DomElement Attrs(string tag, (string Name, string Value)[] attributes, params DomNode[] children) =>
        new(tag, [.. attributes.Select(a => new DomAttribute(a.Name, a.Value))], children);

    public static DomText T(string text) => new(text);

    public static DomElement Li(string key) => Keyed("li", key, T(key));

    public static DomElement List(params string[] keys) => Root(El("ul", [.. keys.Select(Li)]));

    /// <summary>Diffs, checks the exact wire form of the patches, and checks that applying them gives the new tree.</summary>
    public static void AssertDiff(DomElement before, DomElement after, string expectedJson)
    {
        var patches = DomDiff.Compute(before, after);
        Assert.Equal(expectedJson, PatchWriter.ToJson(patches));
        AssertFidelity(before, after, patches);
    }

    public static void AssertFidelity(DomElement before, DomElement after, IReadOnlyList<Patch> patches)
    {
        var applied = DomPatchApplier.Apply(before, patches);
        if (!DomEquality.AreEqual(applied, after))
        {
            Assert.Fail(
                $"Applying the diff did not give the new tree.\nbefore:  {DomHtmlWriter.WriteChildren(before)}\n" +
                $"after:   {DomHtmlWriter.WriteChildren(after)}\napplied: {DomHtmlWriter.WriteChildren(applied)}\n" +
                $"patches: {PatchWriter.ToJson(patches)}");
        }
    }
}

using RazorFaces.Dom;
using RazorFaces.Protocol;
using static RazorFaces.Tests.Dom.Build;

namespace RazorFaces.Tests.Protocol;

public class PatchWriterTests
{
    [Fact]
    public void EveryPatchIsWrittenInItsWireForm()
    {
        Patch[] patches =
        [
            new SetTextPatch([0, 1], "t"),
            new SetAttributePatch([2], "class", "c"),
            new RemoveAttributePatch([2], "id"),
            new InsertPatch([], 3, El("p", T("x"))),
            new RemovePatch([4, 0]),
            new MovePatch([5], 2, 0),
            new ReplacePatch([6], T("y")),
        ];

        Assert.Equal(
            "[[1,[0,1],\"t\"],[2,[2],\"class\",\"c\"],[3,[2],\"id\"],[4,[],3,\"<p>x</p>\"],[5,[4,0]],[6,[5],2,0],[7,[6],\"y\"]]",
            PatchWriter.ToJson(patches));
    }

    [Fact]
    public void HtmlSensitiveAndNonAsciiCharactersAreNotEscaped()
    {
        var json = PatchWriter.ToJson([new SetTextPatch([0], "<a href='x'>&</a> é ü 中")]);

        Assert.Equal("[[1,[0],\"<a href='x'>&</a> é ü 中\"]]", json);
    }

    [Fact]
    public void QuotesBackslashesAndControlCharactersAreEscapedAsJsonRequires()
    {
        var json = PatchWriter.ToJson([new SetTextPatch([0], "\"\\\n\t\u0001")]);

        Assert.Equal("[[1,[0],\"\\\"\\\\\\n\\t\\u0001\"]]", json);
    }

    [Fact]
    public void InsertedHtmlIsEscapedByTheHtmlWriter()
    {
        var json = PatchWriter.ToJson([new InsertPatch([0], 0, Attrs("b", [("title", "\"")], T("<i>")))]);

        Assert.Equal("[[4,[0],0,\"<b title=\\\"&quot;\\\">&lt;i&gt;</b>\"]]", json);
    }

    [Fact]
    public void EmptyPatchListIsAnEmptyArray()
    {
        Assert.Equal("[]", PatchWriter.ToJson([]));
    }
}

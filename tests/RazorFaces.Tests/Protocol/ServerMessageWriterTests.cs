using RazorFaces.Dom;
using RazorFaces.Protocol;
using static RazorFaces.Tests.Dom.Build;

namespace RazorFaces.Tests.Protocol;

public class ServerMessageWriterTests
{
    [Fact]
    public void UpdateCarriesViewNumberAndPatches()
    {
        var json = ServerMessageWriter.ToJson(w => ServerMessageWriter.WriteUpdate(w, "h3Jd", 5, [new SetTextPatch([0, 1, 1], "3")]));

        Assert.Equal("{\"t\":\"update\",\"view\":\"h3Jd\",\"n\":5,\"patches\":[[1,[0,1,1],\"3\"]]}", json);
    }

    [Fact]
    public void UpdateAfterNavigationCarriesTheUrl()
    {
        var json = ServerMessageWriter.ToJson(w => ServerMessageWriter.WriteUpdate(w, "v", 2, [], "/cart?page=2&x=1"));

        Assert.Equal("{\"t\":\"update\",\"view\":\"v\",\"n\":2,\"patches\":[],\"url\":\"/cart?page=2&x=1\"}", json);
    }

    [Fact]
    public void RefreshCarriesTheInnerHtmlOfTheRoot()
    {
        var json = ServerMessageWriter.ToJson(w => ServerMessageWriter.WriteRefresh(w, "v", 7, Root(El("p", T("a & b")))));

        Assert.Equal("{\"t\":\"refresh\",\"view\":\"v\",\"n\":7,\"html\":\"<p>a &amp; b</p>\"}", json);
    }

    [Fact]
    public void LocationAndErrorHaveTheirOwnShapes()
    {
        var json = ServerMessageWriter.ToJson(w =>
        {
            w.WriteStartArray();
            ServerMessageWriter.WriteLocation(w, "https://example.org/");
            ServerMessageWriter.WriteError(w, ErrorCodes.BadToken, "missing token");
            w.WriteEndArray();
        });

        Assert.Equal("[{\"t\":\"location\",\"url\":\"https://example.org/\"},{\"t\":\"error\",\"code\":\"bad-token\",\"reason\":\"missing token\"}]", json);
    }
}

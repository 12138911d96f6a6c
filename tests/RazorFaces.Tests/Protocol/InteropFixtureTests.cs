using System.Text;
using System.Text.Json.Nodes;
using RazorFaces.Protocol;

namespace RazorFaces.Tests.Protocol;

/// <summary>
/// tests/fixtures/protocol/interop.json: the JavaScript interop messages as the server writes them and as the browser
/// client sends them (its TypeScript test builds the same client messages and runs the server's).
/// </summary>
public class InteropFixtureTests
{
    private const string FileName = "interop.json";
    private const string ViewId = "v1";

    private static readonly string[] ClientMessages =
    [
        """{"t":"jsdone","view":"v1","n":1,"id":1,"call":7,"ok":true,"result":"null"}""",
        """{"t":"dotnet","view":"v1","n":1,"id":2,"call":1,"method":"Called","object":2,"args":"[\"JavaScript\"]"}""",
        """{"t":"dotnet","view":"v1","n":1,"id":3,"call":2,"assembly":"Demo.App","method":"Echo","args":"[1,\"two\"]"}""",
        """{"t":"jsdone","view":"v1","n":1,"id":4,"call":8,"ok":false,"result":"\"boom\""}""",
    ];

    [Fact]
    public void TheFixtureHoldsWhatTheServerWritesAndWhatTheClientSends()
    {
        var fixture = new JsonObject
        {
            ["name"] = "interop",
            ["server"] = JsonNode.Parse(ServerJson()),
            ["client"] = new JsonArray([.. ClientMessages.Select(m => JsonNode.Parse(m))]),
        };
        if (FixtureFiles.Updating)
        {
            FixtureFiles.Write(FileName, FixtureFiles.Indented(fixture));
        }
        FixtureFiles.AssertJsonEqual(fixture, FixtureFiles.Read(FileName), FileName);
    }

    [Fact]
    public void TheClientsMessagesReadAsTheServerUnderstandsThem()
    {
        var done = ClientMessageReader.Read(Encoding.UTF8.GetBytes(ClientMessages[0]));
        var method = ClientMessageReader.Read(Encoding.UTF8.GetBytes(ClientMessages[1]));
        var staticMethod = ClientMessageReader.Read(Encoding.UTF8.GetBytes(ClientMessages[2]));
        var failed = ClientMessageReader.Read(Encoding.UTF8.GetBytes(ClientMessages[3]));

        Assert.Equal((MessageTypes.JSDone, "7", true, "null", 1L), (done.Type, done.CallId, done.Ok, done.Json, done.EventId));
        Assert.Equal((MessageTypes.DotNet, "1", (string?)null, "Called", 2L, "[\"JavaScript\"]"),
            (method.Type, method.CallId, method.Assembly, method.Method, method.ObjectId, method.Json));
        Assert.Equal(("Demo.App", 0L, "[1,\"two\"]"), (staticMethod.Assembly, staticMethod.ObjectId, staticMethod.Json));
        Assert.Equal((false, "\"boom\""), (failed.Ok, failed.Json));
    }

    [Theory]
    [InlineData("""{"t":"jsdone","view":"v1","n":1,"id":1,"ok":true,"result":"null"}""")]
    [InlineData("""{"t":"jsdone","view":"v1","n":1,"id":1,"call":7,"ok":"yes","result":"null"}""")]
    [InlineData("""{"t":"jsdone","view":"v1","n":1,"id":1,"call":7,"ok":true,"result":null}""")]
    [InlineData("""{"t":"dotnet","view":"v1","n":1,"id":1,"args":"[]"}""")]
    [InlineData("""{"t":"dotnet","view":"v1","n":1,"id":1,"method":"M","args":[]}""")]
    [InlineData("""{"t":"dotnet","view":"v1","n":1,"id":1,"method":"M","object":-1,"args":"[]"}""")]
    public void AnInteropMessageMissingAFieldOrOfTheWrongTypeIsABadMessage(string json)
    {
        var error = Assert.Throws<ProtocolException>(() => ClientMessageReader.Read(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(ErrorCodes.BadMessage, error.Code);
    }

    private static string ServerJson() => ServerMessageWriter.ToJson(w => ViewMessageWriter.WriteMessages(w, ViewId,
    [
        new JSCallMessage(2, 7, "Blazor._internal.domWrapper.focus", """[{"__internalId":"root|1#0"},false]""", JSNames.FunctionCall, JSNames.VoidResult, 0),
        new JSCallMessage(2, 8, "import", """["./js/interop.js"]""", JSNames.FunctionCall, JSNames.ObjectResult, 0),
        new JSCallMessage(2, 9, "valueOf", """[{"__internalId":"root|1#0"}]""", JSNames.FunctionCall, JSNames.JsonResult, 1),
        new JSCallMessage(2, 10, "lengthOf", """[{"__dotNetStream":1}]""", JSNames.FunctionCall, JSNames.JsonResult, 0)
        {
            Streams = new Dictionary<long, DotNetStreamTicket> { [1] = new("S1", "K1") },
        },
        new DotNetResultMessage(2, "1", true, "42", null),
        new DotNetResultMessage(2, "2", false, null, "There was an exception."),
    ]));
}

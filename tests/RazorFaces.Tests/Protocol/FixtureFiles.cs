using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RazorFaces.Tests.Protocol;

/// <summary>
/// The golden protocol fixtures in tests/fixtures/protocol, shared with the TypeScript client tests.
/// With <c>RF_UPDATE_FIXTURES=1</c> the tests (re)write them instead of comparing.
/// </summary>
internal static class FixtureFiles
{
    private static readonly JsonSerializerOptions StringOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool Updating => Environment.GetEnvironmentVariable("RF_UPDATE_FIXTURES") == "1";

    public static string Folder { get; } = Locate();

    public static string PathOf(string fileName) => Path.Combine(Folder, fileName);

    public static JsonNode Read(string fileName)
    {
        var path = PathOf(fileName);
        Assert.True(File.Exists(path), $"Missing fixture {path}; run the tests with RF_UPDATE_FIXTURES=1 to write it.");
        return JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidOperationException($"{path} is null.");
    }

    public static void Write(string fileName, string json)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(PathOf(fileName), json.ReplaceLineEndings("\n") + "\n", new UTF8Encoding(false));
    }

    /// <summary>A JSON string literal that keeps HTML and non-ASCII readable.</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value, StringOptions);

    public static string Indented(JsonNode node) =>
        node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static void AssertJsonEqual(JsonNode? expected, JsonNode? actual, string what)
    {
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Fail($"{what} differs.\nexpected: {expected?.ToJsonString()}\nactual:   {actual?.ToJsonString()}");
        }
    }

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Framework.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "fixtures", "protocol");
            }
        }
        throw new InvalidOperationException($"No Framework.sln above {AppContext.BaseDirectory}.");
    }
}

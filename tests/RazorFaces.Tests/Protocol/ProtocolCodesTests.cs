using System.Reflection;
using System.Text.Json.Nodes;
using RazorFaces.Protocol;

namespace RazorFaces.Tests.Protocol;

public class ProtocolCodesTests
{
    private const string FileName = "codes.json";

    [Fact]
    public void CodesFixtureMatchesTheProtocolDefinitions()
    {
        var codes = Codes();
        if (FixtureFiles.Updating)
        {
            FixtureFiles.Write(FileName, FixtureFiles.Indented(codes));
        }
        FixtureFiles.AssertJsonEqual(codes, FixtureFiles.Read(FileName), FileName);
    }

    [Fact]
    public void PatchCodesAreTheNumbersOfTheSpec()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], Enum.GetValues<PatchCode>().Select(c => (int)c));
    }

    [Fact]
    public void MessageTypesAndErrorCodesAreUnique()
    {
        var types = Constants(typeof(MessageTypes)).Select(c => c.Value).ToList();
        var errors = Constants(typeof(ErrorCodes)).Select(c => c.Value).ToList();

        Assert.Equal(types.Count, types.Distinct().Count());
        Assert.Equal(errors.Count, errors.Distinct().Count());
    }

    private static JsonObject Codes()
    {
        var patchCodes = new JsonObject();
        foreach (var code in Enum.GetValues<PatchCode>())
        {
            patchCodes[code.ToString()] = (int)code;
        }
        return new JsonObject
        {
            ["patchCodes"] = patchCodes,
            ["messageTypes"] = ToObject(typeof(MessageTypes)),
            ["errorCodes"] = ToObject(typeof(ErrorCodes)),
            ["constants"] = ToObject(typeof(ProtocolConstants)),
            ["interop"] = ToObject(typeof(JSNames)),
        };
    }

    private static JsonObject ToObject(Type type)
    {
        var result = new JsonObject();
        foreach (var (name, value) in Constants(type))
        {
            result[name] = value;
        }
        return result;
    }

    private static IEnumerable<(string Name, string Value)> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .OrderBy(f => f.MetadataToken)
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));
}

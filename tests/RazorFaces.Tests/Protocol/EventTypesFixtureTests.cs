using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using RazorFaces.Rendering;

namespace RazorFaces.Tests.Protocol;

/// <summary>
/// event-types.json: every event Blazor's <c>EventHandlers</c> declares, with its args type and the JSON fields of each
/// args type. The client tests check that the browser listens to each of these events and sends exactly these fields.
/// </summary>
public class EventTypesFixtureTests
{
    private const string FileName = "event-types.json";

    [Fact]
    public void EventTypesFixtureMatchesBlazorsEventHandlers()
    {
        var fixture = EventTypes();
        if (FixtureFiles.Updating)
        {
            FixtureFiles.Write(FileName, FixtureFiles.Indented(fixture));
        }
        FixtureFiles.AssertJsonEqual(fixture, FixtureFiles.Read(FileName), FileName);
    }

    private static JsonObject EventTypes()
    {
        var events = new JsonObject();
        var types = new SortedDictionary<string, Type>(StringComparer.Ordinal);
        foreach (var (name, type) in EventArgsTypes.Standard.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            events[name] = type.Name;
            AddWithFieldTypes(types, type);
        }
        var fields = new JsonObject();
        foreach (var (name, type) in types)
        {
            fields[name] = new JsonArray(JsonFields(type).Select(f => (JsonNode)JsonValue.Create(f.Name)!).ToArray());
        }
        return new JsonObject { ["events"] = events, ["fields"] = fields };
    }

    // DataTransfer, DataTransferItem and TouchPoint are sent inside the args, so the client must build them too.
    private static void AddWithFieldTypes(SortedDictionary<string, Type> types, Type type)
    {
        if (!types.TryAdd(type.Name, type))
        {
            return;
        }
        foreach (var (_, fieldType) in JsonFields(type))
        {
            var element = fieldType.IsArray ? fieldType.GetElementType()! : fieldType;
            if (element.IsClass && element != typeof(string) && element != typeof(object))
            {
                AddWithFieldTypes(types, element);
            }
        }
    }

    private static IEnumerable<(string Name, Type Type)> JsonFields(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.PropertyType))
            .OrderBy(f => f.Item1, StringComparer.Ordinal);
}

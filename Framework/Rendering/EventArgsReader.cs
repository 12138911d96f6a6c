using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace RazorFaces.Rendering;

/// <summary>Turns the <c>args</c> of an event message into the handler's own <see cref="EventArgs"/> type.</summary>
internal static class EventArgsReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Unknown fields are ignored (the browser may send more than a handler type has); wrong types are not.
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    /// <exception cref="FormatException">The arguments do not fit <paramref name="argsType"/>.</exception>
    public static EventArgs Read(JsonElement args, Type argsType)
    {
        if (args.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return CreateEmpty(argsType);
        }
        if (args.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"Event arguments must be a JSON object, not {args.ValueKind}.");
        }
        if (argsType == typeof(ChangeEventArgs))
        {
            return new ChangeEventArgs { Value = args.TryGetProperty("value", out var value) ? ReadChangeValue(value) : null };
        }
        try
        {
            return (EventArgs?)args.Deserialize(argsType, Options) ?? CreateEmpty(argsType);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Event arguments do not fit {argsType.Name}: {e.Message}", e);
        }
    }

    // Blazor's binders expect the browser's own types: a string, a bool for checkboxes, strings for multi-selects.
    private static object? ReadChangeValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Array => value.EnumerateArray().Select(ReadArrayItem).ToArray(),
        _ => throw new FormatException($"A change value must be a string, a boolean or an array of strings, not {value.ValueKind}."),
    };

    private static string ReadArrayItem(JsonElement item) => item.ValueKind == JsonValueKind.String
        ? item.GetString()!
        : throw new FormatException("A multiple-select value must be an array of strings.");

    private static EventArgs CreateEmpty(Type argsType) =>
        argsType == typeof(EventArgs) ? EventArgs.Empty : (EventArgs)Activator.CreateInstance(argsType)!;
}

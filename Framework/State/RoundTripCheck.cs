using System.Text;
using System.Text.Json;

namespace RazorFaces.State;

/// <summary>
/// Serialize → deserialize → serialize, and say where the two results first differ (compared as JSON, whichever
/// format the serializer writes). Run in Development after each
/// request so state that would be lost on failover (a getter that rounds, a setter that ignores, an unstored field)
/// shows up on the developer's machine instead of on the day a node dies.
/// </summary>
internal static class RoundTripCheck
{
    private const int MaxShownValue = 60;

    /// <summary>
    /// Null when <paramref name="value"/> survives the round trip; otherwise the first differing JSON path and how it
    /// changed, e.g. <c>$.items[2].price: 1.5 became 1</c>.
    /// </summary>
    /// <exception cref="SessionStateException">The value cannot even be written.</exception>
    public static string? FirstDifference(object? value, Type type, ISessionSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(serializer);
        var first = serializer.Serialize(value, type);
        byte[] second;
        try
        {
            second = serializer.Serialize(serializer.Deserialize(first, type), type);
        }
        catch (SessionStateException e)
        {
            return $"$: what was written cannot be read back: {e.Message}";
        }
        if (first.AsSpan().SequenceEqual(second))
        {
            return null;
        }
        using var before = JsonDocument.Parse(StoredFormats.ToJson(first, serializer.Format));
        using var after = JsonDocument.Parse(StoredFormats.ToJson(second, serializer.Format));
        return Compare(before.RootElement, after.RootElement, "$")
            ?? "$: the bytes differ but the JSON is equal (member order or number format changed)";
    }

    private static string? Compare(JsonElement before, JsonElement after, string path)
    {
        if (before.ValueKind != after.ValueKind)
        {
            return Changed(path, before, after);
        }
        switch (before.ValueKind)
        {
            case JsonValueKind.Object:
                return CompareObjects(before, after, path);
            case JsonValueKind.Array:
                var left = before.EnumerateArray().ToList();
                var right = after.EnumerateArray().ToList();
                for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
                {
                    if (Compare(left[i], right[i], $"{path}[{i}]") is { } difference)
                    {
                        return difference;
                    }
                }
                return left.Count == right.Count ? null : $"{path}: {left.Count} items became {right.Count}";
            default:
                return before.GetRawText() == after.GetRawText() ? null : Changed(path, before, after);
        }
    }

    private static string? CompareObjects(JsonElement before, JsonElement after, string path)
    {
        var right = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in after.EnumerateObject())
        {
            right[property.Name] = property.Value;
        }
        foreach (var property in before.EnumerateObject())
        {
            var childPath = Child(path, property.Name);
            if (!right.Remove(property.Name, out var other))
            {
                return $"{childPath}: {Show(property.Value)} was lost";
            }
            if (Compare(property.Value, other, childPath) is { } difference)
            {
                return difference;
            }
        }
        foreach (var (name, value) in right)
        {
            return $"{Child(path, name)}: appeared as {Show(value)}";
        }
        return null;
    }

    private static string Changed(string path, JsonElement before, JsonElement after) =>
        $"{path}: {Show(before)} became {Show(after)}";

    private static string Child(string path, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0])
            ? $"{path}.{name}"
            : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        if (text.Length <= MaxShownValue)
        {
            return text;
        }
        return new StringBuilder(text, 0, MaxShownValue, MaxShownValue + 1).Append('…').ToString();
    }
}

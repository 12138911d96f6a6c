using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RazorFaces.Testing.Client;

namespace RazorFaces.Bench;

/// <summary>
/// What a simulated user keeps of a page instead of a DOM: only the count /counter shows, read from SetText patches and
/// from a refresh's html. Thousands of users apply their answers to one each through the shared ordering core
/// (<see cref="LeanView"/>), which a real document would make far too costly to run next to the nodes.
/// </summary>
internal sealed partial class CounterDocument(int count = 0) : IViewDocument
{
    /// <summary>The count the page shows (0 on a page without a counter).</summary>
    public int Count { get; private set; } = count;

    /// <summary>Reads the count of a page's or a refresh's html; 0 when it has none.</summary>
    public static int CountIn(string html)
    {
        var match = CountElement().Match(html);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    public bool TryApply(ServerMessage update, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        foreach (var patch in update.Patches.EnumerateArray())
        {
            // The counter's one text patch; other pages' texts are not whole numbers and leave the count alone.
            if (patch[0].GetInt32() == 1 && patch[2].ValueKind == JsonValueKind.String
                && int.TryParse(patch[2].GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                Count = count;
            }
        }
        return true;
    }

    public void Replace(ServerMessage refresh) => Count = CountIn(refresh.Html ?? string.Empty);

    [GeneratedRegex("id=\"count\">(\\d+)<")]
    private static partial Regex CountElement();
}

using System.Globalization;
using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>
/// What every message a /counter load user receives must be. On a fresh session the counter shows 0 at the first
/// render's view number, and every click is one update with the number one higher and one SetText patch to the new
/// count, so an update numbered n must set the text to n minus the first number. Anything else throws.
/// </summary>
internal static class CounterCheck
{
    /// <summary>The answer to a click sent at view number <paramref name="before"/>: exactly the update before + 1.</summary>
    public static void Answer(JsonElement messages, string viewId, int firstNumber, int before)
    {
        if (messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() != 1)
        {
            throw Unexpected("one update", messages);
        }
        var n = Update(messages[0], viewId, firstNumber);
        if (n != before + 1)
        {
            throw Unexpected($"the update n = {before + 1}", messages);
        }
    }

    /// <summary>
    /// What a user received on its push path (a poll answer, a hub <c>Receive</c>): correct updates of its view,
    /// numbered one after another from <paramref name="after"/> + 1 when <paramref name="consecutive"/>; or a
    /// <c>refresh</c> newer than <paramref name="after"/> showing the count its number implies, which the protocol
    /// answers a poll whose number the view's update log no longer reaches back to (a stale poll). Returns the newest
    /// number (<paramref name="after"/> for an empty array), and how many updates and refreshes there were.
    /// </summary>
    public static (int Newest, int Updates, int Refreshes) Pushed(JsonElement messages, string viewId, int firstNumber, int after, bool consecutive)
    {
        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw Unexpected("an array of updates", messages);
        }
        var (newest, updates, refreshes) = (after, 0, 0);
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("t", out var t) && t.GetString() == "refresh")
            {
                newest = Refresh(message, viewId, firstNumber, newest);
                refreshes++;
                continue;
            }
            var n = Update(message, viewId, firstNumber);
            if (consecutive && n != newest + 1)
            {
                throw Unexpected($"the update n = {newest + 1}", messages);
            }
            newest = Math.Max(newest, n);
            updates++;
        }
        return (newest, updates, refreshes);
    }

    private static int Refresh(JsonElement message, string viewId, int firstNumber, int after)
    {
        if (!message.TryGetProperty("view", out var view) || view.GetString() != viewId
            || !message.TryGetProperty("n", out var number) || number.ValueKind != JsonValueKind.Number || number.GetInt32() <= after
            || !message.TryGetProperty("html", out var html) || html.ValueKind != JsonValueKind.String)
        {
            throw Unexpected($"a refresh of view {viewId} newer than {after}", message);
        }
        var n = number.GetInt32();
        var count = $"<span id=\"count\">{(n - firstNumber).ToString(CultureInfo.InvariantCulture)}</span>";
        if (!html.GetString()!.Contains(count, StringComparison.Ordinal))
        {
            throw Unexpected($"a refresh showing {count}", message);
        }
        return n;
    }

    private static int Update(JsonElement message, string viewId, int firstNumber)
    {
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("t", out var t) || t.GetString() != "update"
            || !message.TryGetProperty("view", out var view) || view.GetString() != viewId
            || !message.TryGetProperty("n", out var number) || number.ValueKind != JsonValueKind.Number
            || !message.TryGetProperty("patches", out var patches) || patches.ValueKind != JsonValueKind.Array)
        {
            throw Unexpected($"an update of view {viewId}", message);
        }
        var n = number.GetInt32();
        var count = (n - firstNumber).ToString(CultureInfo.InvariantCulture);
        if (patches.GetArrayLength() != 1 || patches[0].ValueKind != JsonValueKind.Array || patches[0].GetArrayLength() != 3
            || patches[0][0].GetInt32() != 1 || patches[0][2].GetString() != count)
        {
            throw Unexpected($"one SetText patch to \"{count}\"", message);
        }
        return n;
    }

    private static InvalidDataException Unexpected(string expected, JsonElement got) =>
        new($"Expected {expected}, got {got.GetRawText()}");
}

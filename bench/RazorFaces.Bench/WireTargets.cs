using System.Text.Json;
using AngleSharp.Html.Parser;

namespace RazorFaces.Bench;

/// <summary>
/// The event targets (<c>data-rf</c>) a client knows: by element id, <c>form</c> for the page's form, and
/// <c>.class</c> for the newest element of that class, taken from the first GET and then from every HTML the
/// server sends in Insert/Replace patches and refreshes.
/// </summary>
internal sealed class WireTargets
{
    private static readonly HtmlParser Parser = new();
    private readonly Dictionary<string, string> _targets = new(StringComparer.Ordinal);

    public static WireTargets FromPage(string html)
    {
        var targets = new WireTargets();
        targets.AddHtml(html);
        return targets;
    }

    public string Find(string element) =>
        _targets.TryGetValue(element, out var target) ? target : throw new InvalidDataException($"No target for '{element}' yet.");

    /// <summary>Reads an answer (the JSON array of server messages): throws on an error message; returns the patch count and patch bytes.</summary>
    public (int Patches, int PatchBytes) Read(string answer)
    {
        using var document = JsonDocument.Parse(answer);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("Expected an array of server messages, got " + answer);
        }
        var (patches, bytes) = (0, 0);
        foreach (var message in document.RootElement.EnumerateArray())
        {
            if (message.GetProperty("t").GetString() == "error")
            {
                throw new InvalidDataException("The server answered an error: " + answer);
            }
            if (message.TryGetProperty("html", out var html))
            {
                AddHtml(html.GetString()!);
            }
            if (message.TryGetProperty("patches", out var list))
            {
                bytes += System.Text.Encoding.UTF8.GetByteCount(list.GetRawText());
                foreach (var patch in list.EnumerateArray())
                {
                    patches++;
                    if (patch[patch.GetArrayLength() - 1].ValueKind == JsonValueKind.String && patch[0].GetInt32() is 4 or 7)
                    {
                        AddHtml(patch[patch.GetArrayLength() - 1].GetString()!);
                    }
                }
            }
        }
        return (patches, bytes);
    }

    private void AddHtml(string html)
    {
        var document = Parser.ParseDocument("<body>" + html);
        foreach (var element in document.QuerySelectorAll("[data-rf]"))
        {
            var target = element.GetAttribute("data-rf")!;
            if (!string.IsNullOrEmpty(element.Id))
            {
                _targets[element.Id] = target;
            }
            if (element.LocalName == "form")
            {
                _targets["form"] = target;
            }
            foreach (var name in element.ClassList)
            {
                _targets["." + name] = target;
            }
        }
    }
}

using AngleSharp.Html.Parser;

namespace RazorFaces.Bench;

/// <summary>What a client reads from a first GET: view id, view number, CSRF token and the event targets by element id.</summary>
internal sealed record HostPageInfo(string ViewId, int Number, string Token, IReadOnlyDictionary<string, string> Targets)
{
    public static HostPageInfo Parse(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var root = document.GetElementById("rf-root") ?? throw new InvalidDataException("The page has no #rf-root.");
        var token = document.QuerySelector("meta[name=rf-token]")?.GetAttribute("content")
            ?? throw new InvalidDataException("The page has no rf-token meta tag.");
        var targets = document.QuerySelectorAll("[data-rf][id]")
            .ToDictionary(e => e.Id!, e => e.GetAttribute("data-rf")!, StringComparer.Ordinal);
        return new HostPageInfo(
            root.GetAttribute("data-rf-view") ?? throw new InvalidDataException("#rf-root has no data-rf-view."),
            int.Parse(root.GetAttribute("data-rf-n") ?? "", System.Globalization.CultureInfo.InvariantCulture),
            token,
            targets);
    }

    public string Target(string elementId) =>
        Targets.TryGetValue(elementId, out var target) ? target : throw new InvalidDataException($"No element #{elementId} with a data-rf target.");
}

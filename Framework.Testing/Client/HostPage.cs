using System.Globalization;
using AngleSharp.Dom;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

/// <summary>What the browser client reads from the page a first GET answered (docs/protocol.md, "The first GET").</summary>
/// <param name="ViewId">The view's id (<c>#rf-root[data-rf-view]</c>).</param>
/// <param name="Number">The view number of the first render (<c>#rf-root[data-rf-n]</c>).</param>
/// <param name="Token">The session's CSRF token (<c>meta[name=rf-token]</c>).</param>
/// <param name="ClientVersion">The client version the page was served with (<c>meta[name=rf-client]</c>), if any.</param>
/// <param name="Heartbeat">The hub's keep-alive interval (<c>html[data-rf-heartbeat]</c>; 5 s when absent).</param>
/// <param name="Url">The address the page was loaded from.</param>
public sealed record HostPage(string ViewId, int Number, string Token, string? ClientVersion, TimeSpan Heartbeat, string Url)
{
    /// <summary>Reads a page's document.</summary>
    /// <exception cref="FormatException">The page is not a RazorFaces page.</exception>
    public static HostPage Read(IDocument document, string url)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.GetElementById(ProtocolConstants.RootElementId)
            ?? throw new FormatException($"{url} has no #{ProtocolConstants.RootElementId}.");
        var token = document.QuerySelector("meta[name=rf-token]")?.GetAttribute("content")
            ?? throw new FormatException($"{url} has no rf-token meta tag.");
        var heartbeat = int.TryParse(document.DocumentElement.GetAttribute("data-rf-heartbeat"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.FromSeconds(5);
        return new HostPage(
            root.GetAttribute("data-rf-view") ?? throw new FormatException($"{url}: #rf-root has no data-rf-view."),
            int.Parse(root.GetAttribute("data-rf-n") ?? throw new FormatException($"{url}: #rf-root has no data-rf-n."), CultureInfo.InvariantCulture),
            token,
            document.QuerySelector("meta[name=rf-client]")?.GetAttribute("content") is { Length: > 0 } version ? version : null,
            heartbeat,
            url);
    }
}

using System.Diagnostics.CodeAnalysis;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RazorFaces.Dom;
using RazorFaces.Protocol;
using RazorFaces.Testing.Internal;

namespace RazorFaces.Testing.Client;

/// <summary>
/// A view's content as a browser holds it: an AngleSharp document whose <c>#rf-root</c> is changed only by the
/// server's patches (applied as the browser client applies them, <c>DocumentPatcher</c>) and refreshes.
/// </summary>
public sealed class ViewDocument : IViewDocument
{
    /// <summary>A document that has a <c>#rf-root</c> element.</summary>
    /// <exception cref="ArgumentException">It has none.</exception>
    public ViewDocument(IDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Document = document;
        Root = document.GetElementById(ProtocolConstants.RootElementId)
            ?? throw new ArgumentException($"The document has no #{ProtocolConstants.RootElementId}.", nameof(document));
    }

    /// <summary>The whole page.</summary>
    public IDocument Document { get; }

    /// <summary>The <c>#rf-root</c> element: the view's content is its children.</summary>
    public IElement Root { get; }

    /// <summary>
    /// Whether a patch that does not fit throws <see cref="PatchFidelityException"/> instead of being reported
    /// (the browser resyncs; a test usually wants to fail there, since the server sent something wrong).
    /// </summary>
    public bool ThrowOnUnfitPatch { get; init; }

    /// <summary>A page's document, parsed as the browser parses it.</summary>
    public static ViewDocument Parse(string html) =>
        // AngleSharp parsers are not safe to share between threads, and tests run in parallel.
        new(new HtmlParser().ParseDocument(html));

    /// <inheritdoc />
    /// <exception cref="PatchFidelityException">A patch does not fit and <see cref="ThrowOnUnfitPatch"/> is set.</exception>
    public bool TryApply(ServerMessage update, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(update);
        try
        {
            DocumentPatcher.Apply(Root, update.Patches);
        }
        catch (PatchFidelityException e) when (!ThrowOnUnfitPatch)
        {
            problem = e.Message;
            return false;
        }
        problem = null;
        return true;
    }

    /// <inheritdoc />
    public void Replace(ServerMessage refresh)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        // Built exactly as the writer wrote it, as the browser client does, not through the HTML parser.
        DocumentPatcher.Refresh(Root, refresh.Html ?? string.Empty);
    }

    /// <summary>
    /// Where the view's content first differs from <paramref name="serverHtml"/> parsed as the browser parses a
    /// refresh; null when they are the same. The content is compared as it is, not re-parsed, so a tree the patches
    /// built that the parser would never produce shows up as a difference (strict canonical comparison: exact
    /// texts, every node, form values as the browser shows them).
    /// </summary>
    public string? DifferenceFrom(string serverHtml)
    {
        ArgumentNullException.ThrowIfNull(serverHtml);
        var parser = new HtmlParser();
        var context = parser.ParseDocument(string.Empty).CreateElement("div");
        return DifferenceFrom(CanonicalDom.FromAngleSharp("div", parser.ParseFragment(serverHtml, context)));
    }

    /// <summary>Where the view's content first differs from a DOM the server rendered; null when they are the same.</summary>
    internal string? DifferenceFrom(DomElement serverDom) =>
        CanonicalDom.FirstDifference(CanonicalDom.Strict(serverDom), CanonicalDom.Strict(Content()));

    /// <summary>The view's content as the server's DOM model, as it is (no text merged).</summary>
    internal DomElement Content() => CanonicalDom.FromAngleSharp("div", Root.ChildNodes);
}

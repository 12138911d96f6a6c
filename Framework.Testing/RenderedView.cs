using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RazorFaces.Dom;
using RazorFaces.Protocol;
using RazorFaces.Testing.Client;
using RazorFaces.Testing.Internal;
using RazorFaces.Transport;
using RazorFaces.Views;

namespace RazorFaces.Testing;

/// <summary>
/// One live view as a browser holds it: an AngleSharp document that starts as the first render's HTML and is
/// then changed only by the patches the server answers, applied by the browser client's ordering rules (the shared
/// <see cref="ViewSequencer"/>). After every answer the document is checked against the DOM the server believes
/// the browser has; a difference, or a patch that does not apply, throws <see cref="PatchFidelityException"/>.
/// </summary>
public sealed partial class RenderedView
{
    private readonly ViewDocument _content;
    private readonly IElement _root;
    private readonly ViewSequencer _sequencer;
    private long _eventId;

    internal RenderedView(LiveView view, string url)
    {
        View = view;
        var (number, dom, location) = view.Snapshot();
        // AngleSharp parsers are not safe to share between threads, and tests run in parallel.
        _content = new ViewDocument(new HtmlParser().ParseDocument($"<!DOCTYPE html><html><head></head><body><div id=\"{ProtocolConstants.RootElementId}\"></div></body></html>"))
        {
            ThrowOnUnfitPatch = true,
        };
        _root = _content.Root;
        // As the browser: the page's HTML goes through the HTML parser; when that built another shape than the
        // server's (a div in a p…), the client asks for a refresh, which is built exactly (docs/protocol.md).
        var html = DomHtmlWriter.WriteChildren(dom);
        _root.InnerHtml = html;
        if (DomShape.Of(CanonicalDom.FromAngleSharp("div", _root.ChildNodes)) != DomShape.Of(dom))
        {
            DocumentPatcher.Refresh(_root, html);
        }
        _sequencer = new ViewSequencer(view.Id, number, url);
        Location = location;
        CheckFidelity(dom, "the first render");
    }

    /// <summary>The view's id (what the browser sends as <c>view</c>).</summary>
    public string ViewId => View.Id;

    /// <summary>The view number the document shows: 1 after the first render, one more with every update applied.</summary>
    public int ViewNumber => _sequencer.Number;

    /// <summary>The address the browser shows: the first one, then the <c>url</c> of the last update that navigated.</summary>
    public string Url
    {
        get => _sequencer.Url;
        private set => _sequencer.Url = value;
    }

    /// <summary>The address the server last asked the browser to load (<c>NavigateTo(…, forceLoad: true)</c>), or null.</summary>
    public string? Location { get; private set; }

    /// <summary>The patches of the updates applied by the last interaction, in order.</summary>
    internal IReadOnlyList<Patch> LastPatches { get; private set; } = [];

    /// <summary>The last answer exactly as the browser would receive it: a JSON array of server messages.</summary>
    public string LastAnswer { get; private set; } = "[]";

    /// <summary>The harness's document (the view's content is inside <c>#rf-root</c>).</summary>
    public IDocument Document => _content.Document;

    /// <summary>The HTML of the view's content as the document holds it now.</summary>
    public string Markup => _root.InnerHtml;

    internal LiveView View { get; }

    /// <summary>The first element matching a CSS selector.</summary>
    /// <exception cref="ElementNotFoundException">Nothing matches.</exception>
    public IElement Find(string selector) =>
        _root.QuerySelector(selector) ?? throw new ElementNotFoundException(selector, Markup);

    /// <summary>Every element matching a CSS selector, in document order (possibly none).</summary>
    public IReadOnlyList<IElement> FindAll(string selector) => [.. _root.QuerySelectorAll(selector)];

    /// <summary>
    /// Asserts that the view's content is <paramref name="expectedHtml"/>, compared as structure: attribute order,
    /// class order, whitespace-only text, runs of whitespace and the framework's <c>data-rf*</c> attributes do not count.
    /// </summary>
    /// <exception cref="MarkupMismatchException">The markup differs.</exception>
    public void MarkupMatches(string expectedHtml) => MarkupAssertions.Match(_root.ChildNodes, expectedHtml);

    /// <summary>Applies an answer of the server the way the client would, then catches up with anything newer.</summary>
    private void Accept(List<ViewMessage> messages)
    {
        var patches = new List<Patch>();
        var answers = new List<string>();
        while (true)
        {
            patches.AddRange(messages.OfType<UpdateMessage>().Where(u => u.Number > ViewNumber).SelectMany(u => u.Patches));
            var json = ServerMessageWriter.ToJson(w => ViewMessageWriter.WriteMessages(w, View.Id, messages));
            answers.Add(json);
            using (var answer = JsonDocument.Parse(json))
            {
                Receive(ServerMessage.ReadAll(answer.RootElement));
            }
            // A render nobody asked for (a timer, a task that finished after the answer) may have made the
            // server's DOM newer than this answer; fetch the rest as the poll would, then compare like for like.
            var (number, dom, _) = View.Snapshot();
            if (number <= ViewNumber)
            {
                if (_sequencer.HeldBack > 0)
                {
                    throw new PatchFidelityException($"The server's answers left a gap: {_sequencer.HeldBack} update(s) after {ViewNumber} never became applicable.");
                }
                LastPatches = patches;
                LastAnswer = answers.Count == 1 ? answers[0] : "[" + string.Join(',', answers.Select(a => a[1..^1]).Where(a => a.Length > 0)) + "]";
                CheckFidelity(dom, "the answer " + LastAnswer);
                return;
            }
            messages = View.MessagesAfter(ViewNumber);
        }
    }

    private void Receive(IReadOnlyList<ServerMessage> messages)
    {
        // The browser ignores a message it does not know; the harness runs this very server, so one is a bug. It has no
        // JavaScript: interop calls stay unanswered (they end by their timeout, as in a browser that never answers).
        if (messages.FirstOrDefault(m => m.Type is not (MessageTypes.Update or MessageTypes.Refresh or MessageTypes.Location or MessageTypes.JS)) is { } unknown)
        {
            throw new PatchFidelityException($"Unknown server message {unknown.Json}.");
        }
        KeepJS(messages);
        var outcome = _sequencer.Receive(messages, _content, TimeProvider.System.GetUtcNow());
        if (outcome.Locations.Count > 0)
        {
            Location = outcome.Locations[^1];
        }
    }

    private void CheckFidelity(DomElement serverDom, string after)
    {
        var expected = CanonicalDom.Strict(serverDom);
        var actual = CanonicalDom.Strict(CanonicalDom.FromAngleSharp("div", _root.ChildNodes));
        if (CanonicalDom.FirstDifference(expected, actual) is { } difference)
        {
            throw new PatchFidelityException(
                $"After {after}, the document is not what the server rendered ({difference}).\n" +
                $"server:   {CanonicalDom.Describe(expected)}\ndocument: {CanonicalDom.Describe(actual)}");
        }
    }
}

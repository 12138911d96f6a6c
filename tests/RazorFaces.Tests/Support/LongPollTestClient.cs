using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RazorFaces.Dom;
using RazorFaces.Protocol;

namespace RazorFaces.Tests.Support;

/// <summary>
/// An in-process stand-in for the browser client on one view, over the long-poll transport: it keeps the view's
/// DOM in an AngleSharp document, sends events by CSS selector (through the element's <c>data-rf</c> target),
/// and applies the answers strictly in view-number order, as docs/protocol.md asks of the real client.
/// </summary>
/// <remarks>Safe to use from a poll and an event at once: messages are applied under a lock.</remarks>
public sealed class LongPollTestClient
{
    private readonly TestBrowser _browser;
    private readonly HtmlParser _parser = new();
    private readonly Lock _sync = new();
    private readonly SortedDictionary<int, ServerMessage> _heldBack = [];
    private readonly List<string> _locations = [];

    private LongPollTestClient(TestBrowser browser, IDocument document, string viewId, string token, int number, string url)
    {
        _browser = browser;
        Document = document;
        ViewId = viewId;
        Token = token;
        Number = number;
        Url = url;
    }

    /// <summary>The view id the page carries.</summary>
    /// <summary>The view's id; a refresh from a server that started the page afresh brings a new one.</summary>
    public string ViewId { get; private set; }

    /// <summary>The session's CSRF token, from the page's <c>rf-token</c> meta tag.</summary>
    public string Token { get; }

    /// <summary>The last view number applied.</summary>
    public int Number { get; private set; }

    /// <summary>The address the view shows (changes with <c>url</c> of an update or refresh).</summary>
    public string Url { get; private set; }

    /// <summary>The id the next event or navigation gets.</summary>
    public long NextEventId { get; set; } = 1;

    /// <summary>The whole page; the view is <see cref="Root"/>.</summary>
    public IDocument Document { get; }

    /// <summary>The <c>#rf-root</c> element.</summary>
    public IElement Root => Document.GetElementById(ProtocolConstants.RootElementId)!;

    /// <summary>The view's current content.</summary>
    public string Html
    {
        get
        {
            lock (_sync)
            {
                return Root.InnerHtml;
            }
        }
    }

    /// <summary>Updates received ahead of a missing one, waiting for it.</summary>
    public int HeldBack
    {
        get
        {
            lock (_sync)
            {
                return _heldBack.Count;
            }
        }
    }

    /// <summary>Every <c>location</c> the server asked the browser to load.</summary>
    public IReadOnlyList<string> Locations
    {
        get
        {
            lock (_sync)
            {
                return [.. _locations];
            }
        }
    }

    /// <summary>GETs a page and reads the view id, its number and the CSRF token from it.</summary>
    public static async Task<LongPollTestClient> OpenAsync(TestBrowser browser, string path)
    {
        using var response = await browser.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {html}");
        }
        var document = new HtmlParser().ParseDocument(html);
        var root = document.GetElementById(ProtocolConstants.RootElementId)
            ?? throw new InvalidOperationException($"GET {path} has no #{ProtocolConstants.RootElementId}: {html}");
        var token = document.QuerySelector("meta[name=rf-token]")?.GetAttribute("content")
            ?? throw new InvalidOperationException($"GET {path} has no rf-token meta tag.");
        return new LongPollTestClient(
            browser, document, root.GetAttribute("data-rf-view")!, token,
            int.Parse(root.GetAttribute("data-rf-n")!, System.Globalization.CultureInfo.InvariantCulture),
            response.RequestMessage!.RequestUri!.AbsoluteUri);
    }

    /// <summary>The element <paramref name="selector"/> finds in the view.</summary>
    public IElement Find(string selector)
    {
        lock (_sync)
        {
            return Root.QuerySelector(selector) ?? throw new InvalidOperationException($"No '{selector}' in the view: {Root.InnerHtml}");
        }
    }

    /// <summary>Whether the view has an element matching <paramref name="selector"/>.</summary>
    public bool Has(string selector)
    {
        lock (_sync)
        {
            return Root.QuerySelector(selector) is not null;
        }
    }

    /// <summary>The text content of <paramref name="selector"/>.</summary>
    public string Text(string selector)
    {
        lock (_sync)
        {
            return Find(selector).TextContent;
        }
    }

    /// <summary>A click (left button) on <paramref name="selector"/>.</summary>
    public Task<ServerAnswer> ClickAsync(string selector) =>
        SendEventAsync(selector, "click", new JsonObject { ["button"] = 0, ["detail"] = 1, ["type"] = "click" });

    /// <summary>Types <paramref name="value"/> into an input, then sends <c>input</c>.</summary>
    public Task<ServerAnswer> InputAsync(string selector, string value) => ValueEventAsync(selector, "input", value);

    /// <summary>Sets an input's value, then sends <c>change</c>.</summary>
    public Task<ServerAnswer> ChangeAsync(string selector, string value) => ValueEventAsync(selector, "change", value);

    /// <summary>Submits a form.</summary>
    public Task<ServerAnswer> SubmitAsync(string selector) => SendEventAsync(selector, "submit", new JsonObject { ["type"] = "submit" });

    /// <summary>Sends event <paramref name="name"/> on <paramref name="selector"/>, as the client does, and applies the answer.</summary>
    public Task<ServerAnswer> SendEventAsync(string selector, string name, JsonObject? args = null) =>
        SendAsync(EventMessage(TargetOf(selector, name), name, args));

    /// <summary>The element's target reference; it must have a handler for <paramref name="name"/>, or the browser would not send it.</summary>
    public string TargetOf(string selector, string name)
    {
        var element = Find(selector);
        var target = element.GetAttribute(ProtocolConstants.TargetAttribute)
            ?? throw new InvalidOperationException($"'{selector}' has no {ProtocolConstants.TargetAttribute}: {element.OuterHtml}");
        var events = (element.GetAttribute(ProtocolConstants.EventsAttribute) ?? string.Empty).Split(' ');
        return events.Contains(name)
            ? target
            : throw new InvalidOperationException($"'{selector}' has no server handler for '{name}': {element.OuterHtml}");
    }

    /// <summary>An <c>event</c> message; the next event id and the current <c>n</c> unless given.</summary>
    public JsonObject EventMessage(string target, string name, JsonObject? args = null, long? id = null, int? n = null) => new()
    {
        ["t"] = MessageTypes.Event,
        ["view"] = ViewId,
        ["n"] = n ?? Number,
        ["id"] = id ?? NextEventId++,
        ["target"] = target,
        ["name"] = name,
        ["args"] = args ?? new JsonObject(),
        ["url"] = Url,
    };

    /// <summary>Follows an in-app link to <paramref name="url"/> (the client sends <c>nav</c>).</summary>
    public Task<ServerAnswer> NavigateAsync(string url) => SendAsync(new JsonObject
    {
        ["t"] = MessageTypes.Navigate,
        ["view"] = ViewId,
        ["n"] = Number,
        ["id"] = NextEventId++,
        ["url"] = url,
    });

    /// <summary>Asks for a refresh and applies it.</summary>
    public Task<ServerAnswer> ResyncAsync() => SendAsync(ResyncMessage());

    /// <summary>Releases the view, as the closing tab's beacon does (token in the body).</summary>
    public Task<ServerAnswer> CloseAsync() =>
        SendAsync(new JsonObject { ["t"] = MessageTypes.Close, ["view"] = ViewId, ["token"] = Token }, token: null);

    /// <summary>The view's content as the server renders it now (a resync whose refresh is not applied).</summary>
    public async Task<string> ServerHtmlAsync()
    {
        var answer = await SendAsync(ResyncMessage(), apply: false);
        var refresh = answer.Messages.SingleOrDefault(m => m.Type == MessageTypes.Refresh)
            ?? throw new InvalidOperationException($"A resync was answered without a refresh: {answer}");
        return refresh.Html!;
    }

    /// <summary>
    /// Whether this client's DOM, as patched, equals a fresh render by the server as a browser parses it. The client's
    /// tree is compared as it is, not re-parsed, so markup the parser would restructure shows up as a difference.
    /// </summary>
    public async Task<bool> IsInSyncWithServerAsync()
    {
        var server = MarkupParser.ParseElementContent("div", await ServerHtmlAsync());
        lock (_sync)
        {
            return DomEquality.AreEqual(new DomElement("div", children: [.. AngleSharpDom.ToDom(Root).Children]), server);
        }
    }

    /// <summary>POSTs <paramref name="message"/> to <c>/_rf/send</c> and, when it is served, applies the answer.</summary>
    /// <param name="message">The message.</param>
    /// <param name="apply">Whether to apply the answer's messages.</param>
    /// <param name="token">The <c>X-RF-Token</c> header; none when null.</param>
    public Task<ServerAnswer> SendAsync(JsonNode message, bool apply = true, string? token = "") =>
        PostAsync(new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json"), apply, token);

    /// <summary>POSTs any body to <c>/_rf/send</c> (for bad input) and, when it is served, applies the answer.</summary>
    /// <param name="content">The body.</param>
    /// <param name="apply">Whether to apply the answer's messages.</param>
    /// <param name="token">The <c>X-RF-Token</c> header: <see cref="Token"/> when empty, none when null.</param>
    public async Task<ServerAnswer> PostAsync(HttpContent content, bool apply = true, string? token = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ProtocolConstants.EndpointPrefix.TrimStart('/') + "/send") { Content = content };
        AddToken(request, token);
        return await SendRequestAsync(request, apply, CancellationToken.None);
    }

    /// <summary>Runs one long-poll (<c>GET /_rf/poll</c>) from <paramref name="n"/> (default: the current number) and applies its answer.</summary>
    public async Task<ServerAnswer> PollAsync(int? n = null, CancellationToken cancellationToken = default)
    {
        var uri = $"{ProtocolConstants.EndpointPrefix.TrimStart('/')}/poll?view={Uri.EscapeDataString(ViewId)}&n={n ?? Number}";
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        AddToken(request, string.Empty);
        return await SendRequestAsync(request, apply: true, cancellationToken);
    }

    /// <summary>Polls until <paramref name="condition"/> holds (a real client polls again after every answer).</summary>
    public async Task PollUntilAsync(Func<LongPollTestClient, bool> condition, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!condition(this))
        {
            var answer = await PollAsync(cancellationToken: cancel.Token);
            if (!answer.IsSuccess)
            {
                throw new InvalidOperationException($"The poll failed: {answer}");
            }
        }
    }

    /// <summary>Applies server messages strictly in view-number order (docs/protocol.md, "Ordering and recovery").</summary>
    public void Apply(IEnumerable<ServerMessage> messages)
    {
        lock (_sync)
        {
            foreach (var message in messages)
            {
                if (message.Type == MessageTypes.Refresh && message.View is { } fresh && fresh != ViewId)
                {
                    // As the browser client does: the server started the page afresh under a new id.
                    ViewId = fresh;
                    Number = 0;
                    _heldBack.Clear();
                }
                if (message.Type != MessageTypes.Location && message.View != ViewId)
                {
                    throw new InvalidOperationException($"A message for view {message.View} reached view {ViewId}: {message.Json}");
                }
                switch (message.Type)
                {
                    case MessageTypes.Update when message.Number > Number:
                        _heldBack[message.Number] = message;
                        break;
                    case MessageTypes.Update:
                        break;
                    // A resync's refresh carries the current number: the client asked for it, so it applies.
                    case MessageTypes.Refresh when message.Number >= Number:
                        RazorFaces.Testing.Internal.DocumentPatcher.Refresh(Root, message.Html!);
                        Number = message.Number;
                        Url = message.Url ?? Url;
                        foreach (var covered in _heldBack.Keys.Where(k => k <= Number).ToList())
                        {
                            _heldBack.Remove(covered);
                        }
                        break;
                    case MessageTypes.Refresh:
                        break;
                    case MessageTypes.Location:
                        _locations.Add(message.Url!);
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown server message: {message.Json}");
                }
                while (_heldBack.Remove(Number + 1, out var next))
                {
                    RazorFaces.Testing.Internal.DocumentPatcher.Apply(Root, next.Patches);
                    Number = next.Number;
                    Url = next.Url ?? Url;
                }
            }
        }
    }

    // The browser shows what the user typed before the event leaves; the attribute stands for the live property.
    private Task<ServerAnswer> ValueEventAsync(string selector, string name, string value)
    {
        var target = TargetOf(selector, name);
        lock (_sync)
        {
            Find(selector).SetAttribute("value", value);
        }
        return SendAsync(EventMessage(target, name, new JsonObject { ["value"] = value }));
    }

    private JsonObject ResyncMessage() => new() { ["t"] = MessageTypes.Resync, ["view"] = ViewId, ["n"] = Number, ["url"] = Url };

    private void AddToken(HttpRequestMessage request, string? token)
    {
        if (token is not null)
        {
            request.Headers.Add(ProtocolConstants.TokenHeader, token.Length == 0 ? Token : token);
        }
    }

    private async Task<ServerAnswer> SendRequestAsync(HttpRequestMessage request, bool apply, CancellationToken cancellationToken)
    {
        using var response = await _browser.Http.SendAsync(request, cancellationToken);
        var answer = ServerAnswer.Read(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        if (answer.IsSuccess && apply)
        {
            Apply(answer.Messages);
        }
        return answer;
    }

    /// <inheritdoc />
    public override string ToString() => $"view {ViewId} at n={Number}: {Html}";
}

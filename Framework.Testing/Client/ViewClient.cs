using System.Diagnostics.CodeAnalysis;
using AngleSharp.Dom;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

/// <summary>
/// One browser tab on one view, as the browser client (<c>Framework.Client/src/view.ts</c>) runs it, over long-poll
/// or the hub: the view's content in an AngleSharp document changed only by the server's patches and refreshes,
/// applied strictly in view-number order (<see cref="ViewSequencer"/>); messages sent one at a time in the order
/// asked, each built when its turn comes (so it carries the latest number); transient failures retried with the
/// browser's backoff; a resync when a gap stays open or a patch does not fit; a refresh of a view the server started
/// afresh adopted; the page loaded again when a node of a newer build or a lost view says so; <c>location</c>s
/// recorded; the CSRF token, client version and cookies sent as the browser sends them.
/// </summary>
/// <remarks>
/// What the browser does on its own (poll, resync, stop after <c>410</c>) the client does on its own too; what a test
/// asks for (a click after the session expired, a message built by hand) is always sent. Safe to use from a poll or a
/// push and a test's calls at once: the document is changed and read under one lock.
/// </remarks>
public sealed partial class ViewClient : IAsyncDisposable
{
    private const int LostAfter = 3;
    private static readonly TimeSpan ReloadGuard = TimeSpan.FromSeconds(10);

    private readonly BrowserSession _session;
    private readonly ClientOptions _options;
    private readonly Lock _sync = new();
    private readonly TransportKind _transportKind;
    private readonly List<string> _locations = [];
    private readonly List<string> _failures;
    private readonly List<string> _unfitPatches = [];
    private readonly List<ServerAnswer> _received = [];
    private readonly CancellationTokenSource _stopped = new();
    // Replaced together when the page is loaded again.
    private ViewDocument _document;
    private ViewSequencer _sequencer;
    private NumberLog _log;
    private TaskCompletionSource _pageChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _lastReload;
    private int _failuresInARow;
    private Exception? _fault;

    private ViewClient(BrowserSession session, ViewDocument document, HostPage page, TransportKind kind, IViewTransport transport, List<string> failures)
    {
        _session = session;
        _options = session.Options;
        _transportKind = kind;
        _failures = failures;
        (_document, _log, _sequencer, Page, Transport) = Load(document, page, transport);
    }

    /// <summary>The browser this tab belongs to (its cookies and connection).</summary>
    public BrowserSession Browser => _session;

    /// <summary>What the page the view was (last) loaded from said: its first view id and number, token, client version.</summary>
    public HostPage Page { get; private set; }

    /// <summary>The transport the client talks through; a test may send on it directly to see a raw answer (nothing retried or applied).</summary>
    public IViewTransport Transport { get; private set; }

    /// <summary>The view's id; a refresh from a server that started the page afresh brings a new one.</summary>
    public string ViewId => Locked(() => _sequencer.ViewId);

    /// <summary>The last view number applied.</summary>
    public int Number => Locked(() => _sequencer.Number);

    /// <summary>The address the browser shows (the <c>url</c> of the last update or refresh that carried one).</summary>
    public string Url => Locked(() => _sequencer.Url);

    /// <summary>The session's CSRF token, from the page's <c>rf-token</c> meta tag.</summary>
    public string Token => Page.Token;

    /// <summary>The id the next event or navigation gets; a page that resumed a view continues the ids of the page before.</summary>
    public long NextEventId { get; set; } = 1;

    /// <summary>The whole page; the view is <see cref="Root"/>.</summary>
    public IDocument Document => _document.Document;

    /// <summary>The <c>#rf-root</c> element.</summary>
    public IElement Root => _document.Root;

    /// <summary>The view's current content.</summary>
    public string Html => Locked(() => Root.InnerHtml);

    /// <summary>Updates received ahead of a missing one, waiting for it.</summary>
    public int HeldBack => Locked(() => _sequencer.HeldBack);

    /// <summary>How many times a refresh brought a new view id: the server had to start the view afresh and its state was lost.</summary>
    public int ViewsAdopted => Locked(() => _sequencer.ViewsAdopted);

    /// <summary>Events whose answer was 200.</summary>
    public int Acknowledged { get; private set; }

    /// <summary>What <c>html[data-rf-status]</c> would show.</summary>
    public ConnectionStatus Status { get; private set; }

    /// <summary>
    /// The code that last made the client reload the page (<c>client-outdated</c>, <c>unknown-view</c>, <c>404</c>);
    /// null when it never had to. A second reload within 10 s is not done: the page shows <c>Expired</c> instead.
    /// </summary>
    public string? ReloadFor { get; private set; }

    /// <summary>How many times the client loaded its page again.</summary>
    public int Reloads { get; private set; }

    /// <summary>Every address the browser would have loaded: <c>location</c> messages, and the target of a refused navigation.</summary>
    public IReadOnlyList<string> Locations => Locked(() => (IReadOnlyList<string>)[.. _locations]);

    /// <summary>
    /// Every request not answered 200, as "what: why": those retried (<c>event: 503 busy</c>,
    /// <c>GET counter: HttpRequestException</c>) and those refused for good (<c>poll: 410 session-expired</c>).
    /// </summary>
    public IReadOnlyList<string> Failures => Locked(() => (IReadOnlyList<string>)[.. _failures]);

    /// <summary>Each (view, n) the client reached twice with different texts: a view number the server handed out twice.</summary>
    public IReadOnlyList<string> Collisions => Locked(() => _log.Collisions);

    /// <summary>Why each update that did not fit the document was refused (only when <see cref="ClientOptions.ThrowOnUnfitPatch"/> is off).</summary>
    public IReadOnlyList<string> UnfitPatches => Locked(() => (IReadOnlyList<string>)[.. _unfitPatches]);

    /// <summary>Every answer of a poll and every hub push, in order.</summary>
    public IReadOnlyList<ServerAnswer> Received => Locked(() => (IReadOnlyList<ServerAnswer>)[.. _received]);

    /// <summary>The first element <paramref name="selector"/> finds in the view.</summary>
    /// <exception cref="InvalidOperationException">Nothing matches.</exception>
    public IElement Find(string selector)
    {
        lock (_sync)
        {
            ThrowIfFaulted();
            return Root.QuerySelector(selector) ?? throw new InvalidOperationException($"No '{selector}' in view {_sequencer.ViewId}: {Root.InnerHtml}");
        }
    }

    /// <summary>Whether the view has an element matching <paramref name="selector"/>.</summary>
    public bool Has(string selector)
    {
        lock (_sync)
        {
            ThrowIfFaulted();
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

    /// <summary>Stops the client's own work (polling, resyncs, reconnects) and closes its transport.</summary>
    public async ValueTask DisposeAsync()
    {
        Stop();
        await Transport.DisposeAsync();
    }

    /// <inheritdoc />
    public override string ToString() => Locked(() => $"view {_sequencer.ViewId} at n={_sequencer.Number}: {Root.InnerHtml}");

    internal static async Task<ViewClient> StartAsync(BrowserSession session, ViewDocument document, HostPage page, TransportKind kind, List<string> failures)
    {
        var view = new ViewClient(session, document, page, kind, await ConnectAsync(session, page, kind), failures);
        if (view.Transport is HubTransport hub)
        {
            view.Attach(hub);
        }
        return view;
    }

    private static async Task<IViewTransport> ConnectAsync(BrowserSession session, HostPage page, TransportKind kind) =>
        kind == TransportKind.SignalR
            ? await HubTransport.ConnectAsync(session, page.Token, page.ClientVersion, page.Heartbeat)
            : new LongPollTransport(session, page.Token, page.ClientVersion);

    // The number log outlives a reload: a view the server continues must not show a number it showed with other content.
    private (ViewDocument, NumberLog, ViewSequencer, HostPage, IViewTransport) Load(ViewDocument document, HostPage page, IViewTransport transport)
    {
        var log = _log ?? new NumberLog();
        log.Document = document;
        log.Reached(page.ViewId, page.Number);
        return (document, log, new ViewSequencer(page.ViewId, page.Number, page.Url, _options.GapWait), page, transport);
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_sync)
        {
            return read();
        }
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw new InvalidOperationException($"The view failed in the background: {fault.Message}", fault);
        }
    }

    private void Stop()
    {
        lock (_sync)
        {
            if (!_stopped.IsCancellationRequested)
            {
                _stopped.Cancel();
            }
            DisarmGapTimer();
        }
    }

    private void Succeeded()
    {
        lock (_sync)
        {
            _failuresInARow = 0;
            if (Status is ConnectionStatus.Trouble or ConnectionStatus.Lost)
            {
                Status = ConnectionStatus.Connected;
            }
        }
    }

    private void Failed(string what)
    {
        lock (_sync)
        {
            _failures.Add(what);
            _failuresInARow++;
            if (Status is not (ConnectionStatus.Expired or ConnectionStatus.Closed))
            {
                Status = _failuresInARow >= LostAfter ? ConnectionStatus.Lost : ConnectionStatus.Trouble;
            }
        }
    }

    // TS serverError: 410 ends the page, view-evicted the tab; a newer build or a view nobody has reloads it; any other code is final
    // for the message that caused it and nothing more.
    private void Refused(string what, int status, string? code)
    {
        if (what.Length > 0)
        {
            lock (_sync)
            {
                _failures.Add($"{what}: {status} {code}".TrimEnd());
            }
        }
        if (code == ErrorCodes.ViewEvicted || status == 410 || code == ErrorCodes.SessionExpired)
        {
            lock (_sync)
            {
                Status = code == ErrorCodes.ViewEvicted ? ConnectionStatus.Closed : ConnectionStatus.Expired;
            }
            Stop();
        }
        else if (status == 404 || code is ErrorCodes.ClientOutdated or ErrorCodes.UnknownView)
        {
            // A server of a newer build (rolling upgrade) or a view nobody has: load the page again, at most once in
            // 10 s (the browser's sessionStorage guard), so a server that keeps saying it cannot make the tab loop.
            bool reload;
            lock (_sync)
            {
                var now = _options.TimeProvider.GetUtcNow();
                reload = _lastReload is not { } last || now - last >= ReloadGuard;
                ReloadFor = code ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (reload)
                {
                    _lastReload = now;
                }
                else
                {
                    Status = ConnectionStatus.Expired;
                }
            }
            if (reload)
            {
                QueueOwn(() => ReloadAsync(resume: code == ErrorCodes.ClientOutdated));
            }
            else
            {
                Stop();
            }
        }
    }

    /// <summary>The document as the sequencer sees it: records the text of every (view, n) reached, to catch a number handed out twice.</summary>
    private sealed class NumberLog : IViewDocument
    {
        private readonly Dictionary<(string View, int N), string> _seen = [];
        private readonly List<string> _collisions = [];

        public ViewDocument Document { get; set; } = null!;

        public IReadOnlyList<string> Collisions => [.. _collisions];

        public bool TryApply(ServerMessage update, [NotNullWhen(false)] out string? problem)
        {
            if (!Document.TryApply(update, out problem))
            {
                return false;
            }
            Reached(update.View!, update.Number);
            return true;
        }

        public void Replace(ServerMessage refresh)
        {
            Document.Replace(refresh);
            Reached(refresh.View!, refresh.Number);
        }

        public void Reached(string view, int n)
        {
            var text = Document.Root.TextContent;
            if (_seen.TryGetValue((view, n), out var before) && before != text)
            {
                _collisions.Add($"view {view} n={n}: '{before}' then '{text}'");
            }
            _seen[(view, n)] = text;
        }
    }
}

using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

/// <summary>
/// The browser client's ordering rules for one view (docs/protocol.md, "Ordering and recovery";
/// <c>Framework.Client/src/view.ts</c>), without I/O or clocks: applies updates strictly in view-number order,
/// holds back updates that arrive early, applies refreshes (adopting the new view id of a view the server started
/// afresh), and says when the client must resync — at once after a patch that did not fit, or when a gap is still
/// open <see cref="DefaultGapWait"/> after the batch that carried it.
/// </summary>
/// <remarks>
/// Not thread-safe: the client that owns it serializes calls. Time is passed in, so the gap rule is tested
/// without waiting. A resync moves through three calls, as the browser's queue does: <see cref="RequestResync"/>
/// (queued), <see cref="ResyncSending"/> (built, carrying the number of that moment) and
/// <see cref="ResyncAnswered"/>.
/// </remarks>
public sealed class ViewSequencer
{
    /// <summary>How long a gap in view numbers may stay open before the client asks for a refresh (the browser's value).</summary>
    public static readonly TimeSpan DefaultGapWait = TimeSpan.FromSeconds(1);

    private readonly Dictionary<int, ServerMessage> _held = [];
    private readonly TimeSpan _gapWait;
    private bool _resyncQueued;
    private bool _resyncPending;

    /// <summary>A view the page showed at <paramref name="number"/>.</summary>
    public ViewSequencer(string viewId, int number, string url, TimeSpan? gapWait = null)
    {
        ViewId = viewId;
        Number = number;
        Url = url;
        _gapWait = gapWait ?? DefaultGapWait;
    }

    /// <summary>The view's id; a refresh of another id replaces it (the server started the page afresh).</summary>
    public string ViewId { get; private set; }

    /// <summary>The last view number applied.</summary>
    public int Number { get; private set; }

    /// <summary>The address the browser shows: the first one, then the <c>url</c> of the last update or refresh that carried one.</summary>
    public string Url { get; set; }

    /// <summary>How many updates arrived ahead of a missing one and wait for it.</summary>
    public int HeldBack => _held.Count;

    /// <summary>A patch did not fit (or the client said it lost track): nothing applies until a refresh.</summary>
    public bool OutOfStep { get; private set; }

    /// <summary>False while a resync is queued or unanswered; the long-poll waits for it rather than spin on updates it cannot apply.</summary>
    public bool IsReady => !_resyncPending;

    /// <summary>When a gap or an unanswered loss of step, if it lasts, makes a resync due (<see cref="ResyncDue"/>); null when nothing waits.</summary>
    public DateTimeOffset? GapDeadline { get; private set; }

    /// <summary>Updates applied.</summary>
    public int Updates { get; private set; }

    /// <summary>Refreshes applied.</summary>
    public int Refreshes { get; private set; }

    /// <summary>Updates and refreshes applied that the server flagged <c>rebuilt</c>.</summary>
    public int Rebuilds { get; private set; }

    /// <summary>How many times a refresh brought a new view id (the server had to start the view afresh: its state was lost).</summary>
    public int ViewsAdopted { get; private set; }

    private bool NeedsResync => (_held.Count > 0 || OutOfStep) && !_resyncPending;

    /// <summary>Applies a batch of server messages (an answer, a poll's answer, a push) in order.</summary>
    public ReceiveOutcome Receive(IEnumerable<ServerMessage> messages, IViewDocument document, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(document);
        var outcome = default(Collector);
        foreach (var message in messages)
        {
            ReceiveOne(message, document, ref outcome);
        }
        return Received(now, ref outcome);
    }

    /// <summary>Applies a batch of one message (allocates nothing when the message asks for nothing but its place in the order).</summary>
    public ReceiveOutcome Receive(ServerMessage message, IViewDocument document, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(document);
        var outcome = default(Collector);
        ReceiveOne(message, document, ref outcome);
        return Received(now, ref outcome);
    }

    /// <summary>
    /// The gap timer: whether, at <paramref name="now"/>, a resync is due because the gap (or the loss of step) that
    /// armed it is still open. When it returns true the resync counts as queued. Clears the deadline once passed.
    /// </summary>
    public bool ResyncDue(DateTimeOffset now)
    {
        if (GapDeadline is not { } deadline || now < deadline)
        {
            return false;
        }
        GapDeadline = null;
        return NeedsResync && RequestResync();
    }

    /// <summary>The client lost track of the view (a test said so, say): the next refresh applies even at the current number.</summary>
    public void MarkOutOfStep()
    {
        OutOfStep = true;
        _held.Clear();
    }

    /// <summary>Queues a resync: true when the caller must send one, false when one is queued already.</summary>
    public bool RequestResync()
    {
        if (_resyncQueued)
        {
            return false;
        }
        _resyncQueued = true;
        _resyncPending = true;
        return true;
    }

    /// <summary>The queued resync is being built and sent now.</summary>
    public void ResyncSending() => _resyncQueued = false;

    /// <summary>A resync was answered (or failed for good); the view is ready again unless another one was queued meanwhile.</summary>
    public void ResyncAnswered()
    {
        if (!_resyncQueued)
        {
            _resyncPending = false;
        }
    }

    private void ReceiveOne(ServerMessage message, IViewDocument document, ref Collector outcome)
    {
        switch (message.Type)
        {
            case MessageTypes.Update:
                ReceiveUpdate(message, document, ref outcome);
                break;
            case MessageTypes.Refresh:
                ReceiveRefresh(message, document, ref outcome);
                break;
            case MessageTypes.Location when message.Url is { } url:
                (outcome.Locations ??= []).Add(url);
                break;
            case MessageTypes.Error:
                (outcome.Errors ??= []).Add(message.Detach());
                break;
            default:
                // The browser warns and goes on: a newer server may send what this client does not know.
                break;
        }
    }

    private ReceiveOutcome Received(DateTimeOffset now, ref Collector outcome)
    {
        if (NeedsResync && GapDeadline is null)
        {
            GapDeadline = now + _gapWait;
        }
        return outcome.ToOutcome();
    }

    private void ReceiveUpdate(ServerMessage update, IViewDocument document, ref Collector outcome)
    {
        if (update.View != ViewId || update.Number <= Number || OutOfStep)
        {
            return;
        }
        if (update.Number > Number + 1)
        {
            _held[update.Number] = update.Detach();
            return;
        }
        Apply(update, document, ref outcome);
        ApplyHeld(document, ref outcome);
    }

    private void ReceiveRefresh(ServerMessage refresh, IViewDocument document, ref Collector outcome)
    {
        if (refresh.View is { } view && view != ViewId)
        {
            ViewId = view;
            Number = 0;
            _held.Clear();
            ViewsAdopted++;
        }
        // After a bad patch the server may answer the resync with the number the client is (nominally) at.
        if (refresh.Number < Number || (refresh.Number == Number && !OutOfStep))
        {
            return;
        }
        document.Replace(refresh);
        OutOfStep = false;
        Number = refresh.Number;
        Refreshes++;
        Taken(refresh);
        foreach (var covered in _held.Keys.Where(n => n <= Number).ToList())
        {
            _held.Remove(covered);
        }
        ApplyHeld(document, ref outcome);
    }

    private void ApplyHeld(IViewDocument document, ref Collector outcome)
    {
        while (!OutOfStep && _held.Remove(Number + 1, out var next))
        {
            Apply(next, document, ref outcome);
        }
    }

    private void Apply(ServerMessage update, IViewDocument document, ref Collector outcome)
    {
        if (!document.TryApply(update, out var problem))
        {
            OutOfStep = true;
            _held.Clear();
            (outcome.UnfitPatches ??= []).Add($"update {update.Number}: {problem}");
            outcome.ResyncNow |= RequestResync();
            return;
        }
        Number = update.Number;
        Updates++;
        Taken(update);
    }

    private void Taken(ServerMessage message)
    {
        if (message.Rebuilt)
        {
            Rebuilds++;
        }
        if (message.Url is { Length: > 0 } url)
        {
            Url = url;
        }
    }

    private struct Collector
    {
        public List<string>? Locations;
        public List<ServerMessage>? Errors;
        public List<string>? UnfitPatches;
        public bool ResyncNow;

        public readonly ReceiveOutcome ToOutcome() => Locations is null && Errors is null && UnfitPatches is null && !ResyncNow
            ? ReceiveOutcome.Nothing
            : new ReceiveOutcome(Locations ?? [], Errors ?? [], UnfitPatches ?? [], ResyncNow);
    }
}

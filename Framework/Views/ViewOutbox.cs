using RazorFaces.Dom;
using RazorFaces.Protocol;

namespace RazorFaces.Views;

/// <summary>
/// The outgoing side of a live view, behind one lock: the DOM the browser has been sent, the view number, the log
/// of recent updates, a pending <c>location</c>, and the one poll (or hub pump) waiting for what no answer carries.
/// A client message's answer carries the updates it caused, so a poll waiting from a number the client had
/// already reached is not woken for them (it would cost the client a second request per event). Pure: no
/// renderer, no clock, so it is tested alone (<c>ViewOutboxTests</c>).
/// </summary>
internal sealed class ViewOutbox(int logLength)
{
    private readonly Lock _sync = new();
    private readonly UpdateLog _log = new(logLength);

    private DomElement _dom = new("div");
    private int _number;
    private string? _location;
    // The browser has seen nothing since a rebuild while its number is below this: a refresh it gets then says
    // "rebuilt"; after a same-DOM rebuild, so does the first update.
    private int _rebuiltFrom;
    private bool _announceRebuild;

    // A message came from a client past this view's number (see Acknowledge): its answer must be a refresh.
    private bool _clientAhead;
    private bool _closed;
    private TaskCompletionSource _changed = NewSignal();
    private CancellationTokenSource? _waiting;
    // (_answeredFrom, _answeredThrough]: numbers that went out in answers to a client that had applied _answeredFrom.
    private bool _answering;
    private int _answeredFrom;
    private int _answeredThrough;
    // JavaScript interop messages not handed out yet, each handed out once (as Blazor Server sends a call once).
    private readonly List<ViewMessage> _interop = [];
    // An interop message waits for a render not published yet: the next publish is an update even without patches.
    private bool _publishDue;
    // The head content (title, <HeadContent>) the browser has been sent, as HTML.
    private string _head = string.Empty;
    // The highest number the client said (in a message) it has applied; it never goes back.
    private int _acknowledged;

    public int Number
    {
        get
        {
            lock (_sync)
            {
                return _number;
            }
        }
    }

    /// <summary>Whether a poll or a hub watch is waiting on the view right now: its tab is open and listening.</summary>
    public bool IsWatched => Volatile.Read(ref _waiting) is not null;

    public bool IsClosed
    {
        get
        {
            lock (_sync)
            {
                return _closed;
            }
        }
    }

    /// <summary>The first render: the DOM the browser is about to be sent, at <paramref name="number"/>.</summary>
    /// <param name="dom">The rendered DOM.</param>
    /// <param name="number">The view number the browser gets it at.</param>
    /// <param name="location">An address the browser must load instead (a redirect while first rendering), or null.</param>
    /// <param name="rebuiltFrom">For a rebuilt view, one past the number of its record (0 for a fresh view).</param>
    /// <param name="announceRebuild">Whether the first update says "rebuilt" (a rebuild that kept the same DOM).</param>
    /// <param name="head">The view's head content as HTML.</param>
    public void Start(DomElement dom, int number, string? location, int rebuiltFrom, bool announceRebuild, string head = "")
    {
        lock (_sync)
        {
            _head = head;
            (_dom, _number, _location, _rebuiltFrom, _announceRebuild) = (dom, number, location, rebuiltFrom, announceRebuild);
            // Calls the first render made need exactly what the browser gets now (the page, or the refresh).
            _publishDue = false;
            for (var i = 0; i < _interop.Count; i++)
            {
                _interop[i] = Gated(_interop[i], number);
            }
        }
    }

    /// <summary>The view as the browser must first show it.</summary>
    public (int Number, DomElement Dom, string? Location) Snapshot()
    {
        lock (_sync)
        {
            return (_number, _dom, _location);
        }
    }

    /// <summary>The head content (title, <c>&lt;HeadContent&gt;</c>) the browser has, as HTML.</summary>
    public string Head
    {
        get
        {
            lock (_sync)
            {
                return _head;
            }
        }
    }

    /// <summary>The number and DOM the view's record keeps.</summary>
    public (int Number, DomElement Dom) Current()
    {
        lock (_sync)
        {
            return (_number, _dom);
        }
    }

    /// <summary>
    /// Diffs <paramref name="newDom"/> (null: unchanged) against what the browser has; patches or a new
    /// <paramref name="url"/> make the next update. Wakes the waiting poll unless a message's answer will carry it.
    /// </summary>
    /// <remarks>A changed <paramref name="head"/> (null: unchanged) rides on the update, and makes one by itself.</remarks>
    public void Publish(DomElement? newDom, string? url, string? location, string? head = null, bool replace = false)
    {
        lock (_sync)
        {
            var headChanged = head is not null && head != _head;
            if (headChanged)
            {
                _head = head!;
            }
            var patches = newDom is null ? [] : DomDiff.Compute(_dom, newDom);
            if (newDom is not null)
            {
                _dom = newDom;
            }
            if (location is not null)
            {
                _location = location;
            }
            if (patches.Count > 0 || url is not null || _publishDue || headChanged)
            {
                _publishDue = false;
                _number++;
                // The first update after a rebuild carries the mark itself, so every copy of it (the event's
                // answer, a racing poll) tells the client; whichever copy arrives first is the one applied.
                _log.Add(new UpdateMessage(_number, patches, url) { Rebuilt = _announceRebuild, Head = headChanged ? _head : null, Replace = replace && url is not null });
                _announceRebuild = false;
            }
            if (!_answering)
            {
                WakeLocked();
            }
        }
    }

    /// <summary>
    /// Queues a JavaScript interop message for the next answer or poll. The browser acts on it once it shows the
    /// current view number, or the next one when <paramref name="afterPendingRender"/> (a render not published yet
    /// holds what the call needs, such as the element it focuses; that publish then makes an update in any case).
    /// </summary>
    public void AddInterop(ViewMessage message, bool afterPendingRender)
    {
        lock (_sync)
        {
            var number = _number;
            if (afterPendingRender)
            {
                number++;
                _publishDue = true;
            }
            _interop.Add(Gated(message, number));
            if (!_answering)
            {
                WakeLocked();
            }
        }
    }

    /// <summary>Changes the DOM the browser is known to have without sending anything (a value the user typed).</summary>
    public void Assume(Func<DomElement, DomElement> edit)
    {
        lock (_sync)
        {
            _dom = edit(_dom);
        }
    }

    /// <summary>Everything the client lacks when it has applied <paramref name="clientNumber"/>.</summary>
    public List<ViewMessage> MessagesAfter(int clientNumber, string? url)
    {
        lock (_sync)
        {
            return MessagesAfterLocked(clientNumber, url, applied: clientNumber);
        }
    }

    /// <summary>The whole view, for a client at <paramref name="clientNumber"/> (a resync, or a view it does not know).</summary>
    public List<ViewMessage> Refresh(int clientNumber, string? url, string reason = RefreshReasons.Resync)
    {
        lock (_sync)
        {
            return TakeInterop(AnnounceRebuild([new RefreshMessage(_number, _dom, url) { Head = _head, Reason = reason }], clientNumber));
        }
    }

    /// <summary>
    /// The client says it applied <paramref name="clientNumber"/>: older updates can go. Only messages acknowledge, not
    /// polls: a client sends one message at a time in order, so its number never goes back, while a poll may have been
    /// sent before its last messages (it is then answered from the acknowledged number: the client has everything up to it).
    /// </summary>
    public void Acknowledge(int clientNumber)
    {
        lock (_sync)
        {
            if (clientNumber > _number)
            {
                // The client saw numbers this view never sent (unsaved updates from a view since rebuilt from an
                // older record). The message's own update must not take one of them: the view moves past them, and
                // the answer is a refresh.
                _number = clientNumber;
                _log.Clear();
                _clientAhead = true;
            }
            _acknowledged = Math.Max(_acknowledged, clientNumber);
            _log.Acknowledge(clientNumber);
        }
    }

    /// <summary>A client message starts running: its answer will carry the updates it makes.</summary>
    public void BeginAnswer()
    {
        lock (_sync)
        {
            _answering = true;
        }
    }

    /// <summary>
    /// The message is done: <paramref name="answeredFrom"/> is the number the client had when it sent it (null: no
    /// answer went out, so a waiting poll must carry the updates). Wakes the waiting poll to look again.
    /// </summary>
    public void EndAnswer(int? answeredFrom)
    {
        lock (_sync)
        {
            _answering = false;
            if (answeredFrom is { } from)
            {
                // Consecutive answers extend one range; a number the answers did not cover (a push) starts a new one.
                _answeredFrom = from <= _answeredThrough ? Math.Min(_answeredFrom, from) : from;
                _answeredThrough = _number;
            }
            WakeLocked();
        }
    }

    /// <summary>Waits until there is something newer than <paramref name="clientNumber"/> that no answer carried.</summary>
    /// <remarks>Only one waits per view: a newer one ends the older one, which answers nothing.</remarks>
    public async Task<List<ViewMessage>> WaitAsync(int clientNumber, Func<string?> url, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Interlocked.Exchange(ref _waiting, waiting)?.Cancel();
        try
        {
            while (true)
            {
                Task changed;
                lock (_sync)
                {
                    if (_closed)
                    {
                        return [];
                    }
                    var answered = clientNumber >= _answeredFrom && _number <= _answeredThrough;
                    if ((!_answering && ((!answered && _number != clientNumber) || _interop.Count > 0)) || _location is not null)
                    {
                        return MessagesAfterLocked(clientNumber, url(), applied: Math.Max(clientNumber, Math.Min(_acknowledged, _number)));
                    }
                    changed = _changed.Task;
                }
                try
                {
                    await changed.WaitAsync(waiting.Token);
                }
                catch (OperationCanceledException)
                {
                    return [];
                }
            }
        }
        finally
        {
            Interlocked.CompareExchange(ref _waiting, null, waiting);
        }
    }

    /// <summary>Wakes the waiting poll to look again (the view failed, say).</summary>
    public void Wake()
    {
        lock (_sync)
        {
            WakeLocked();
        }
    }

    /// <summary>The view is gone: a poll waiting on it answers now (its client polls again and the view is rebuilt).</summary>
    /// <returns>False when it was closed already.</returns>
    public bool Close()
    {
        lock (_sync)
        {
            if (_closed)
            {
                return false;
            }
            _closed = true;
            WakeLocked();
            return true;
        }
    }

    // `applied`: the number the client is known to have applied, from which updates are sent. For a poll it is the
    // acknowledged number when that is higher than the poll's own: a poll waits from the number its client had when
    // it was sent, and the client's messages since then said it applied more (their answers carried it), letting
    // those updates leave the log. Asking the log from the poll's number found a gap and answered a full refresh to
    // a client that lacked nothing (/grid was refreshed after a sort or a filter). Should the client really be behind
    // (it went back, say), it sees a gap in the numbers and resyncs.
    private List<ViewMessage> MessagesAfterLocked(int clientNumber, string? url, int applied)
    {
        var messages = new List<ViewMessage>();
        if (_location is not null)
        {
            messages.Add(new LocationMessage(_location));
            _location = null;
        }
        if (clientNumber > _number || _clientAhead)
        {
            // The client saw numbers this view never sent: updates nobody asked for (a timer, an app event, a push
            // that changed no saved state) reached it from a view that was then rebuilt from an older record. Only a
            // refresh sets it right, and it is numbered past everything the client saw, so no number ever means two
            // different pages to it.
            _number = Math.Max(_number, clientNumber + 1);
            _clientAhead = false;
            messages.Add(new RefreshMessage(_number, _dom, url) { Head = _head, Reason = RefreshReasons.ClientAhead });
        }
        else if (_log.After(applied, _number) is { } updates)
        {
            messages.AddRange(updates);
        }
        else
        {
            messages.Add(new RefreshMessage(_number, _dom, url) { Head = _head, Reason = RefreshReasons.HistoryGap });
        }
        return TakeInterop(AnnounceRebuild(messages, clientNumber));
    }

    private static ViewMessage Gated(ViewMessage message, int number) => message switch
    {
        JSCallMessage call => call with { Number = number },
        DotNetResultMessage result => result with { Number = number },
        _ => message,
    };

    private List<ViewMessage> TakeInterop(List<ViewMessage> messages)
    {
        if (_interop.Count > 0)
        {
            messages.AddRange(_interop);
            _interop.Clear();
        }
        return messages;
    }

    // The client counts failovers it did not see: a refresh to a client that has seen nothing since the rebuild
    // says so (every copy: it is applied once). Updates carry their own mark from the log.
    private List<ViewMessage> AnnounceRebuild(List<ViewMessage> messages, int clientNumber)
    {
        if (messages.Count > 0 && messages[^1] is RefreshMessage refresh && clientNumber < _rebuiltFrom)
        {
            messages[^1] = refresh with { Rebuilt = true, Reason = RefreshReasons.Rebuilt };
        }
        return messages;
    }

    private void WakeLocked()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

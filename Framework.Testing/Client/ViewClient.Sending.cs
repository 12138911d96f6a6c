using System.Net;
using System.Text.Json.Nodes;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

public sealed partial class ViewClient
{
    // One message in flight per view, in the order asked (SemaphoreSlim hands itself to async waiters first come, first served).
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly List<Task> _own = [];

    private enum SendKind
    {
        Event,
        Navigate,
        Resync,
        Probe,
        Other,
    }

    /// <summary>
    /// Sends a message a test built (e.g. with <see cref="EventMessage"/>, perhaps changed) in the view's turn, retried
    /// like any other, and applies the answer.
    /// </summary>
    public Task<ServerAnswer> SendAsync(JsonNode message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var kind = message["t"]?.GetValue<string>() == MessageTypes.Event ? SendKind.Event : SendKind.Other;
        return EnqueueAsync(() => message, kind);
    }

    /// <summary>
    /// The client lost track of the view: it asks for a refresh (<c>resync</c>) and applies it, even at the number it is
    /// at. Afterwards the document is what the server holds.
    /// </summary>
    public Task<ServerAnswer> ResyncAsync()
    {
        lock (_sync)
        {
            _sequencer.MarkOutOfStep();
            _sequencer.RequestResync();
        }
        return EnqueueAsync(ResyncMessage, SendKind.Resync);
    }

    /// <summary>Releases the view, as the closing tab's beacon does (the token in the message), and stops the client's own work.</summary>
    public async Task<ServerAnswer> CloseAsync()
    {
        Stop();
        string message;
        lock (_sync)
        {
            message = new JsonObject { ["t"] = MessageTypes.Close, ["view"] = _sequencer.ViewId, ["token"] = Token }.ToJsonString();
        }
        return await Transport.CloseAsync(message);
    }

    /// <summary>The view's content as the server renders it now: a resync whose refresh is read, not applied.</summary>
    /// <exception cref="InvalidOperationException">The resync was not answered with a refresh.</exception>
    public async Task<string> ServerHtmlAsync()
    {
        var answer = await EnqueueAsync(
            () => new JsonObject { ["t"] = MessageTypes.Resync, ["view"] = _sequencer.ViewId, ["n"] = _sequencer.Number, ["url"] = _sequencer.Url },
            SendKind.Probe);
        var refresh = answer.Messages.SingleOrDefault(m => m.Type == MessageTypes.Refresh)
            ?? throw new InvalidOperationException($"A resync was answered without a refresh: {answer}");
        return refresh.Html!;
    }

    /// <summary>
    /// Whether the document, as patched, equals a fresh render by the server as a browser parses it (the strict
    /// canonical comparison of <see cref="ViewDocument.DifferenceFrom(string)"/>).
    /// </summary>
    public async Task<bool> IsInSyncWithServerAsync()
    {
        var server = await ServerHtmlAsync();
        lock (_sync)
        {
            return _document.DifferenceFrom(server) is null;
        }
    }

    /// <summary>Waits until the messages the client queued on its own (resyncs) have been answered.</summary>
    public async Task IdleAsync()
    {
        while (true)
        {
            Task[] own;
            lock (_sync)
            {
                _own.RemoveAll(t => t.IsCompleted);
                own = [.. _own];
            }
            if (own.Length == 0)
            {
                return;
            }
            await Task.WhenAll(own);
        }
    }

    private JsonObject ResyncMessage()
    {
        _sequencer.ResyncSending();
        return new JsonObject { ["t"] = MessageTypes.Resync, ["view"] = _sequencer.ViewId, ["n"] = _sequencer.Number, ["url"] = _sequencer.Url };
    }

    private async Task<ServerAnswer> EnqueueAsync(Func<JsonNode> build, SendKind kind)
    {
        ThrowIfFaulted();
        await _turn.WaitAsync();
        try
        {
            string json;
            string? url;
            lock (_sync)
            {
                var message = build();
                json = message.ToJsonString();
                url = message["url"]?.GetValue<string>();
            }
            var answer = await SendWithRetriesAsync(json, kind);
            if (kind == SendKind.Resync)
            {
                lock (_sync)
                {
                    _sequencer.ResyncAnswered();
                }
            }
            if (answer.IsSuccess)
            {
                if (kind == SendKind.Event)
                {
                    lock (_sync)
                    {
                        Acknowledged++;
                    }
                }
                if (kind != SendKind.Probe)
                {
                    Receive(answer.Messages);
                }
            }
            else if (!answer.IsTransient && kind != SendKind.Probe)
            {
                if (kind == SendKind.Navigate && answer.Status != HttpStatusCode.Gone)
                {
                    // The user asked for another page; a full load of it recovers from any other refusal.
                    lock (_sync)
                    {
                        _failures.Add($"{MessageTypes.Navigate}: {(int)answer.Status} {answer.ErrorCode}".TrimEnd());
                        _locations.Add(url!);
                    }
                    Stop();
                }
                else
                {
                    Refused(KindName(kind), (int)answer.Status, answer.ErrorCode);
                }
            }
            return answer;
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<ServerAnswer> SendWithRetriesAsync(string json, SendKind kind)
    {
        var clock = _options.TimeProvider;
        var deadline = clock.GetUtcNow() + _options.RetryFor;
        for (var attempt = 0; ; attempt++)
        {
            var answer = await Transport.SendAsync(json);
            if (!answer.IsTransient)
            {
                Succeeded();
                return answer;
            }
            Failed($"{KindName(kind)}: {Describe(answer)}");
            if (clock.GetUtcNow() >= deadline)
            {
                return answer;
            }
            await Task.Delay(Backoff.Delay(attempt, _options.Random, answer.ErrorCode), clock);
        }
    }

    /// <summary>
    /// Loads the page again, as the browser's reload does: a new document, view number, token and client version
    /// from the server (the same view id when the server continues the view), and the client goes on with it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The page was not served.</exception>
    public Task ReloadAsync() => ReloadAsync(resume: false);

    private async Task ReloadAsync(bool resume)
    {
        await _turn.WaitAsync();
        try
        {
            string path, viewId;
            lock (_sync)
            {
                (path, viewId) = (new Uri(_sequencer.Url).PathAndQuery, _sequencer.ViewId);
            }
            if (resume)
            {
                // The page the reload asks for continues this view (docs/protocol.md, "rf-resume"); the cookie's path
                // is the app's base path, as the page's <base> names it.
                var basePath = Document.QuerySelector("base[href]")?.GetAttribute("href") ?? "/";
                _session.Cookies.Add(_session.BaseAddress, new System.Net.Cookie(ProtocolConstants.ResumeCookie, viewId, basePath)
                {
                    Expires = _options.TimeProvider.GetUtcNow().AddSeconds(60).UtcDateTime,
                });
            }
            var (document, page) = await _session.LoadAsync(path, _failures);
            var transport = await ConnectAsync(_session, page, _transportKind);
            var old = Transport;
            TaskCompletionSource changed;
            lock (_sync)
            {
                DisarmGapTimer();
                (_document, _log, _sequencer, Page, Transport) = Load(document, page, transport);
                // The server remembers the event ids of a view it continues; a fresh view starts again at 1.
                NextEventId = page.ViewId == viewId ? NextEventId : 1;
                Reloads++;
                Status = ConnectionStatus.Connected;
                _failuresInARow = 0;
                (changed, _pageChanged) = (_pageChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            if (transport is HubTransport hub)
            {
                Attach(hub);
            }
            await old.DisposeAsync();
            changed.TrySetResult();
        }
        finally
        {
            _turn.Release();
        }
    }

    private void QueueOwnResync() => QueueOwn(() => EnqueueAsync(ResyncMessage, SendKind.Resync));

    // What the client decided on itself (a resync after a patch that did not fit or a gap that stayed open, a reload)
    // waits its turn behind what is queued; a failure is kept for the test's next call.
    private void QueueOwn(Func<Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (Exception e)
            {
                lock (_sync)
                {
                    _fault ??= e;
                }
            }
        });
        lock (_sync)
        {
            _own.Add(task);
        }
    }

    private static string KindName(SendKind kind) => kind switch
    {
        SendKind.Event => MessageTypes.Event,
        SendKind.Navigate => MessageTypes.Navigate,
        SendKind.Resync or SendKind.Probe => MessageTypes.Resync,
        _ => "message",
    };

    private static string Describe(ServerAnswer answer) =>
        answer.Unreachable ?? $"{(int)answer.Status} {answer.ErrorCode}".TrimEnd();
}

using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using RazorFaces.Diagnostics;
using RazorFaces.Dom;
using RazorFaces.Protocol;
using RazorFaces.Rendering;

namespace RazorFaces.Views;

internal sealed partial class LiveView
{
    /// <summary>
    /// Applies one browser event (at most once per event id) and answers every update newer than
    /// <paramref name="clientNumber"/>, including the one the event caused.
    /// </summary>
    public Task<List<ViewMessage>> HandleEventAsync(long eventId, int clientNumber, string target, string eventName, JsonElement args) =>
        RunMessageAsync(eventId, clientNumber, () =>
        {
            var handler = _renderer.FindTarget(target, eventName)
                ?? throw new ProtocolException(ErrorCodes.NoHandler, $"The element '{target}' has no handler for '{eventName}' (any more).");
            EventArgs eventArgs;
            try
            {
                eventArgs = EventArgsReader.Read(args, _renderer.EventArgsTypeOf(handler));
            }
            catch (FormatException e)
            {
                throw new ProtocolException(ErrorCodes.BadEventArgs, e.Message, e);
            }
            return _renderer.DispatchAsync(handler, eventArgs, RecordBoundValue(handler, target, eventArgs));
        });

    /// <summary>
    /// The attribute (<c>value</c>, <c>checked</c>) whose shown value a <c>@bind</c> handler of the target records
    /// before it runs, or null. The test harness asks so that its document shows a typed value exactly when the
    /// browser's does as far as the server is concerned.
    /// </summary>
    public Task<string?> BoundAttributeAsync(string target, string eventName) =>
        _renderer.Dispatcher.InvokeAsync(() => _renderer.FindTarget(target, eventName)?.UpdatesAttribute);

    /// <summary>The user followed an in-app link, or went back or forward, to <paramref name="url"/>.</summary>
    public Task<List<ViewMessage>> NavigateAsync(long eventId, int clientNumber, string? url) =>
        RunMessageAsync(eventId, clientNumber, async () =>
        {
            if (url is null || !await _navigation.NavigateFromClientAsync(url))
            {
                throw new ProtocolException(ErrorCodes.BadMessage, $"'{url}' is not an address of this application.");
            }
        });

    /// <summary>
    /// The browser's answer to JavaScript call <paramref name="callId"/>. The code that awaited it goes on now; what it
    /// renders before it finishes or waits for the browser again rides on this answer.
    /// </summary>
    public Task<List<ViewMessage>> CompleteJSAsync(long eventId, int clientNumber, long callId, bool ok, string resultJson, IReadOnlyList<byte[]>? bytes = null)
    {
        ThrowIfNotOneJsonValue(resultJson, "result");
        return RunMessageAsync(eventId, clientNumber, async () =>
        {
            _js.Complete(callId, ok, resultJson, bytes);
            // The awaiting code continues on the dispatcher after this turn; then wait for the work that was waiting.
            await Task.Yield();
            await WhenUnsettledAsync();
        });
    }

    /// <summary>Browser JavaScript calls a .NET method (static <c>[JSInvokable]</c>, or on a <c>DotNetObjectReference</c>).</summary>
    public Task<List<ViewMessage>> InvokeDotNetAsync(long eventId, int clientNumber, string? callId, string? assembly, string method, long objectId, string argsJson, IReadOnlyList<byte[]>? bytes = null)
    {
        ThrowIfNotOneJsonValue(argsJson, "args");
        return RunMessageAsync(eventId, clientNumber, () => _js.InvokeDotNetAsync(callId, assembly, method, objectId, argsJson, bytes));
    }

    /// <summary>Waits until the view has something newer than <paramref name="clientNumber"/>, or the timeout passes.</summary>
    /// <remarks>Only one poll waits per view: a newer one ends the older one, which answers nothing.</remarks>
    public Task<List<ViewMessage>> WaitForMessagesAsync(int clientNumber, CancellationToken cancellationToken) =>
        _outbox.WaitAsync(clientNumber, () => _navigation.Uri, cancellationToken);

    private async Task<List<ViewMessage>> RunMessageAsync(long eventId, int clientNumber, Func<Task> apply)
    {
        await _gate.WaitAsync();
        try
        {
            if (IsDisposed)
            {
                throw new ViewPassivatedException(Id);
            }
            Touch();
            _outbox.Acknowledge(clientNumber);
            // A repeated event id (a retry after a lost answer) gets the answer again; it is not applied twice.
            if (eventId > _lastEventId)
            {
                _outbox.BeginAnswer();
                try
                {
                    await ApplyAsync(apply, () => _lastEventId = eventId);
                }
                catch
                {
                    // No answer carries the updates: a waiting poll must have them.
                    _outbox.EndAnswer(answeredFrom: null);
                    throw;
                }
            }
            var messages = MessagesAfter(clientNumber);
            _outbox.EndAnswer(answeredFrom: clientNumber);
            return messages;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Server push: runs <paramref name="work"/> (if any), then re-renders the whole view for
    /// <paramref name="pushes"/>, exactly as an event would be run. The update reaches the browser through its
    /// poll or hub connection.
    /// </summary>
    public async Task PushAsync(IReadOnlyCollection<PushContext> pushes, Func<Task>? work)
    {
        await _gate.WaitAsync();
        try
        {
            if (IsDisposed)
            {
                throw new ViewPassivatedException(Id);
            }
            await ApplyAsync(async () =>
            {
                if (work is not null)
                {
                    await work();
                }
                await _renderer.RerenderForPushAsync(pushes);
            }, applied: null);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The core shared by events and pushes (call holding _gate): apply on the dispatcher, give async work a moment
    // to finish, flush what rendered as one update.
    private async Task ApplyAsync(Func<Task> apply, Action? applied)
    {
        Task? handling = null;
        Task? queued = null;
        var settled = false;
        // The handler and the renders it causes, until the update is diffed (razorfaces.diff inside).
        using var render = RazorFacesMetrics.Activities.StartActivity("razorfaces.render");
        await _renderer.Dispatcher.InvokeAsync(() =>
        {
            // Dropped meanwhile (passivation does not wait for the view's gate): its components are gone.
            if (IsDisposed)
            {
                throw new ViewPassivatedException(Id);
            }
            ThrowIfFailed();
            // Renders that nobody flushed yet would leave the target map out of date.
            Flush();
            _handlingMessage = true;
            queued = WatchInterop();
            handling = apply();
            applied?.Invoke();
            if (handling.IsCompleted)
            {
                // A synchronous handler (the common case): settle in this same turn of the dispatcher instead of
                // queueing two more.
                settled = true;
                _handlingMessage = false;
                Flush();
                handling.GetAwaiter().GetResult();
                ThrowIfFailed();
            }
        });
        if (settled)
        {
            return;
        }
        try
        {
            // Async handlers get a moment to finish so their result rides on this answer; later renders go out
            // through the poll. One that waits for the browser (JS interop) is answered at once: the answer carries
            // the call, and the browser's jsdone lets it go on.
            await Task.WhenAny(handling!, queued!).WaitAsync(_options.EventSettleTime, _time);
            if (handling!.IsCompleted)
            {
                await handling;
            }
        }
        catch (TimeoutException)
        {
        }
        finally
        {
            await _renderer.Dispatcher.InvokeAsync(() =>
            {
                _handlingMessage = false;
                _unsettled.RemoveAll(t => t.IsCompleted);
                if (!handling!.IsCompleted)
                {
                    _unsettled.Add(handling);
                }
                Flush();
            });
        }
        await _renderer.Dispatcher.InvokeAsync(ThrowIfFailed);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A component of view {ViewId} threw after the view was gone.")]
    private static partial void LogFailedAfterDisposal(ILogger logger, string viewId, Exception exception);

    // Call on the dispatcher. Never throws: a handler's failure has reached the renderer (and its message) already.
    private Task WhenUnsettledAsync()
    {
        _unsettled.RemoveAll(t => t.IsCompleted);
        return _unsettled.Count == 0 ? Task.CompletedTask : Task.WhenAny(Task.WhenAll(_unsettled));
    }

    private static void ThrowIfNotOneJsonValue(string json, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ProtocolException(ErrorCodes.BadMessage, $"The field '{field}' is not one JSON value: {e.Message}", e);
        }
    }

    // @bind: the browser already shows the new value, so record it in the old DOM. If the component then
    // renders another value (a parse failure, a clamp), the diff sends it; if it renders this one, nothing.
    private object? RecordBoundValue(EventTarget handler, string target, EventArgs eventArgs)
    {
        if (handler.UpdatesAttribute is not { } attribute || eventArgs is not ChangeEventArgs { Value: string or bool } change)
        {
            return null;
        }
        var shown = change.Value is bool b ? (b ? string.Empty : null) : (string)change.Value!;
        _outbox.Assume(dom => DomEdit.UpdateElement(dom, e => e.GetAttribute(ProtocolConstants.TargetAttribute) == target,
            e => shown is null ? e.WithoutAttribute(attribute) : e.WithAttribute(attribute, shown)));
        return change.Value;
    }

    private void OnRendered()
    {
        _dirty = true;
        if (!_handlingMessage && !_flushScheduled)
        {
            // A render no request asked for (a timer, a finished task): flush it once the renderer is idle,
            // so a burst of renders becomes one update.
            _flushScheduled = true;
            _ = Task.Run(() => _renderer.Dispatcher.InvokeAsync(() =>
            {
                _flushScheduled = false;
                if (!_handlingMessage)
                {
                    Flush();
                }
            }));
        }
    }

    private void OnFailed(Exception exception)
    {
        if (IsDisposed)
        {
            // A view already gone: its components' last awaits end now (a JS call it was waiting for fails when it
            // goes, by design); there is nobody to tell, and nothing to discard.
            LogFailedAfterDisposal(_logger, Id, exception);
            return;
        }
        _failure ??= exception;
        LogComponentFailed(_logger, Id, exception);
        _outbox.Wake();
    }

    /// <summary>Diffs what the components render now against what the browser has, and logs the update.</summary>
    private void Flush()
    {
        if (IsDisposed)
        {
            return;
        }
        var (url, replace) = _navigation.TakePendingUrl();
        var location = _navigation.TakePendingLocation();
        if (!_dirty && url is null && location is null)
        {
            return;
        }
        _dirty = false;
        // The components rendered already (Blazor renders as the handler runs); this turns their frames into the
        // DOM and diffs it against what the browser has.
        using var diff = RazorFacesMetrics.Activities.StartActivity("razorfaces.diff");
        _outbox.Publish(_failure is null ? _renderer.BuildDom() : null, url, location, _failure is null ? BuildHead() : null, replace);
    }
}

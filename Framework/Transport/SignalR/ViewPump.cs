using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using RazorFaces.Protocol;
using RazorFaces.Views;

namespace RazorFaces.Transport.SignalR;

/// <summary>
/// Pushes one view's server-initiated updates to one hub connection: the hub's counterpart of the long-poll loop.
/// It waits on the view exactly as <c>GET /_rf/poll</c> does (<see cref="LiveView.WaitForMessagesAsync"/>, without the
/// session lock), so it reads the view's bounded update log and a client too far behind gets a refresh; rendering
/// never waits for it. A view that was passivated, or dropped because another node wrote the session, is resolved
/// again (rebuilt from the session object) and the pump carries on.
/// </summary>
internal sealed partial class ViewPump(IClientProxy client, TransportRequest request, ClientMessageHandler handler, ILogger logger)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _sync = new();

    // Guarded by _sync.
    private LiveView? _view;
    private string _viewId = string.Empty;
    private int _known;
    private string? _url;
    private List<ViewMessage>? _pending;
    private CancellationTokenSource? _wake;
    private int _inFlight;
    private TaskCompletionSource? _answered;

    private Task _loop = Task.CompletedTask;

    /// <summary>Finds or rebuilds the view the client watches, with the session locked; throws what a poll would answer.</summary>
    public Task ResolveAsync(string viewId, int n, string? url)
    {
        lock (_sync)
        {
            _viewId = viewId;
            _known = n;
            _url = url;
        }
        return ResolveAgainAsync();
    }

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>The client sent a message on this connection: hold pushes until its answer is known.</summary>
    public void Sending()
    {
        lock (_sync)
        {
            _inFlight++;
            _answered ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The client's own message was answered on this connection (null: it failed): those updates are not pushed again.</summary>
    public void Answered(ViewAnswer? answer)
    {
        lock (_sync)
        {
            if (_inFlight > 0 && --_inFlight == 0)
            {
                _answered?.TrySetResult();
                _answered = null;
            }
            if (answer is null)
            {
                return;
            }
            if (answer.ViewId != _viewId)
            {
                // The client adopted a view started afresh: watch that one from now on.
                _viewId = answer.ViewId;
                _known = 0;
                _view = null;
                _wake?.Cancel();
            }
            _known = Math.Max(_known, HighestNumber(answer.Messages));
        }
    }

    private async Task ResolveAgainAsync()
    {
        string viewId;
        string? url;
        lock (_sync)
        {
            viewId = _viewId;
            url = _url;
        }
        var resolved = await handler.ResolveAsync(request, viewId, url);
        if (resolved.SessionEnded)
        {
            throw new ProtocolException(ErrorCodes.SessionExpired, "The session has ended.");
        }
        var view = resolved.Value;
        lock (_sync)
        {
            if (view.Id != _viewId)
            {
                // The session no longer knew the view: the client adopts the fresh one from this refresh.
                _viewId = view.Id;
                _known = 0;
                _pending = view.Refresh(reason: RefreshReasons.NewView);
            }
            _view = view;
        }
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                LiveView? view;
                List<ViewMessage>? messages;
                int known;
                string viewId;
                CancellationTokenSource wake;
                lock (_sync)
                {
                    (view, messages, known, viewId) = (_view, _pending, _known, _viewId);
                    _pending = null;
                    _wake?.Dispose();
                    wake = _wake = CancellationTokenSource.CreateLinkedTokenSource(stop);
                }
                if (messages is null)
                {
                    if (view is null || view.IsDisposed)
                    {
                        await ResolveAgainAsync();
                        continue;
                    }
                    messages = await view.WaitForMessagesAsync(known, wake.Token);
                    if (messages.Count == 0 && !wake.IsCancellationRequested && !view.IsDisposed)
                    {
                        // Another poll of this view took over (the client fell back to long-poll): leave it to that one.
                        return;
                    }
                }
                Task? answered;
                lock (_sync)
                {
                    answered = _answered?.Task;
                }
                if (answered is not null)
                {
                    // The client's own message is running: its answer carries these updates, or the ones it
                    // does not carry are still pushed once it is known.
                    await answered.WaitAsync(stop);
                }
                var fresh = Unsent(messages, viewId);
                if (fresh.Count > 0)
                {
                    await client.SendAsync(RazorFacesHub.ReceiveMethod, HubJson.Messages(viewId, fresh, handler.Metrics), stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The connection closed.
        }
        catch (Exception e) when (ClientMessageHandler.ToProtocolException(e) is { } error)
        {
            // Rebuilding failed (the session expired, say): tell the client as a poll would, then stop.
            handler.LogRejection(_viewId, error);
            await client.SendAsync(RazorFacesHub.ReceiveMethod, HubJson.Error(error), CancellationToken.None);
        }
        catch (Exception e)
        {
            LogPumpFailed(logger, _viewId, e);
        }
    }

    // Drops what the client already has (the answers to its own messages carry the same updates), and records
    // the rest as sent.
    private List<ViewMessage> Unsent(List<ViewMessage> messages, string viewId)
    {
        lock (_sync)
        {
            if (viewId != _viewId)
            {
                return [];
            }
            var known = _known;
            // Interop messages are handed out once, so whatever reaches the pump is new.
            var fresh = messages.Where(m => m is LocationMessage or JSCallMessage or DotNetResultMessage || Number(m) > known).ToList();
            _known = Math.Max(_known, HighestNumber(fresh));
            return fresh;
        }
    }

    private static int HighestNumber(IEnumerable<ViewMessage> messages) =>
        messages.Where(m => m is UpdateMessage or RefreshMessage).Select(Number).DefaultIfEmpty(0).Max();

    private static int Number(ViewMessage message) => message switch
    {
        UpdateMessage update => update.Number,
        RefreshMessage refresh => refresh.Number,
        _ => 0,
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The hub pump of view {ViewId} failed.")]
    private static partial void LogPumpFailed(ILogger logger, string viewId, Exception exception);
}

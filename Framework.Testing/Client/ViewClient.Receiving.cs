namespace RazorFaces.Testing.Client;

public sealed partial class ViewClient
{
    private ITimer? _gapTimer;

    /// <summary>
    /// Applies server messages as if they had just arrived (an answer a test fetched by hand, or messages it delivers
    /// out of order on purpose): strictly in view-number order, holding back what comes early.
    /// </summary>
    public void Apply(IEnumerable<ServerMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Receive([.. messages]);
    }

    /// <summary>
    /// Runs one long-poll (<c>GET /_rf/poll</c>) from <paramref name="n"/> (default: the current number) and applies
    /// its answer. Long-poll only.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client talks over the hub.</exception>
    public async Task<ServerAnswer> PollAsync(int? n = null, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted();
        var transport = Transport as LongPollTransport
            ?? throw new InvalidOperationException("Only a long-poll client polls; over the hub the server pushes after WatchAsync.");
        string viewId, url;
        int from;
        lock (_sync)
        {
            (viewId, from, url) = (_sequencer.ViewId, n ?? _sequencer.Number, _sequencer.Url);
        }
        var answer = await transport.PollAsync(viewId, from, url, cancellationToken);
        lock (_sync)
        {
            _received.Add(answer);
        }
        Take(answer, "poll");
        return answer;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, as the browser polls again after every answer (retrying failures with its backoff).</summary>
    /// <exception cref="InvalidOperationException">A poll was refused (4xx).</exception>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/> (default 30 s).</exception>
    public async Task PollUntilAsync(Func<ViewClient, bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var failures = 0;
        while (!Locked(() => condition(this)))
        {
            ServerAnswer answer;
            try
            {
                answer = await PollAsync(cancellationToken: cancel.Token);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"The view did not reach the expected state in time: {this}");
            }
            if (answer.IsTransient)
            {
                await Task.Delay(Backoff.Delay(failures++, _options.Random, answer.ErrorCode), _options.TimeProvider, cancel.Token);
            }
            else if (!answer.IsSuccess)
            {
                throw new InvalidOperationException($"The poll failed: {answer}");
            }
            else
            {
                failures = 0;
            }
        }
    }

    /// <summary>
    /// Over the hub: asks the server to push the view's updates from the current number on (<c>Watch</c>) and answers
    /// what <c>Watch</c> answered; from then on pushes are applied as they arrive, and after a dropped connection the
    /// client watches again from the number it is at.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client talks over long-poll.</exception>
    public async Task<ServerAnswer> WatchAsync()
    {
        ThrowIfFaulted();
        var hub = Transport as HubTransport
            ?? throw new InvalidOperationException("Only a hub client watches; over long-poll use PollAsync or ListenAsync.");
        var (viewId, n, url) = Position();
        var answer = await hub.WatchAsync(viewId, n, url);
        Take(answer, "watch");
        return answer;
    }

    /// <summary>
    /// What the browser does for server-initiated updates, until <paramref name="cancellationToken"/> fires or the
    /// client stops (the session expired, the tab closed): over long-poll it polls again and again, waiting for an
    /// outstanding resync or reload first and backing off after failures; over the hub it watches and lets the pushes
    /// come, and watches again on the page a reload brought.
    /// </summary>
    /// <exception cref="InvalidOperationException">A patch did not fit (see <see cref="ClientOptions.ThrowOnUnfitPatch"/>).</exception>
    public async Task ListenAsync(CancellationToken cancellationToken)
    {
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopped.Token);
        var token = listening.Token;
        try
        {
            for (var failures = 0; !token.IsCancellationRequested;)
            {
                await IdleAsync();
                var changed = Locked(() => _pageChanged.Task);
                var answer = Transport is HubTransport ? await WatchAsync() : await PollAsync(cancellationToken: token);
                if (answer.IsTransient)
                {
                    await Task.Delay(Backoff.Delay(failures++, _options.Random, answer.ErrorCode), _options.TimeProvider, token);
                    continue;
                }
                failures = 0;
                if (answer.IsSuccess && Transport is HubTransport)
                {
                    // The pushes come on their own; a reload brings a new connection to watch on.
                    await Task.WhenAny(changed, Task.Delay(Timeout.Infinite, token));
                }
                else if (!answer.IsSuccess)
                {
                    // A refusal would come again at once; go on only on the page a reload it asked for brings.
                    await IdleAsync();
                    if (!changed.IsCompleted)
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        ThrowIfFaulted();
    }

    private (string ViewId, int Number, string Url) Position()
    {
        lock (_sync)
        {
            return (_sequencer.ViewId, _sequencer.Number, _sequencer.Url);
        }
    }

    private void Attach(HubTransport hub)
    {
        hub.Position = Position;
        hub.Pushed += pushed => InBackground(() =>
        {
            lock (_sync)
            {
                _received.Add(pushed);
            }
            Take(pushed, "push");
        });
        hub.Rewatched += answer => InBackground(() => Take(answer, "watch"));
        hub.Dropped += why => Failed("connection: " + why);
    }

    // An answer to a poll, a watch or a push: applied when served; a failure counts toward the status; a refusal
    // decides what the client does next (as the browser's serverError).
    private void Take(ServerAnswer answer, string what)
    {
        if (answer.IsSuccess)
        {
            Succeeded();
            Receive(answer.Messages);
        }
        else if (answer.IsTransient)
        {
            Failed($"{what}: {Describe(answer)}");
        }
        else
        {
            Succeeded();
            Refused(what, (int)answer.Status, answer.ErrorCode);
        }
    }

    private void Receive(IReadOnlyList<ServerMessage> messages)
    {
        ReceiveOutcome outcome;
        lock (_sync)
        {
            outcome = _sequencer.Receive(messages, _log, _options.TimeProvider.GetUtcNow());
            KeepJS(messages);
            _locations.AddRange(outcome.Locations);
            _unfitPatches.AddRange(outcome.UnfitPatches);
            ArmGapTimer();
        }
        foreach (var error in outcome.Errors)
        {
            Refused(string.Empty, 0, error.Code);
        }
        if (outcome.ResyncNow && !_stopped.IsCancellationRequested)
        {
            QueueOwnResync();
        }
    }

    private void InBackground(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            lock (_sync)
            {
                _fault ??= e;
            }
        }
    }

    // Under _sync. The browser's gap timer: one at a time, armed when a batch leaves a gap (or a loss of step) open.
    private void ArmGapTimer()
    {
        if (_gapTimer is not null || _sequencer.GapDeadline is not { } deadline || _stopped.IsCancellationRequested)
        {
            return;
        }
        var clock = _options.TimeProvider;
        var wait = deadline - clock.GetUtcNow();
        _gapTimer = clock.CreateTimer(_ => GapTimerFired(deadline), null, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void GapTimerFired(DateTimeOffset deadline)
    {
        bool due;
        lock (_sync)
        {
            DisarmGapTimer();
            var now = _options.TimeProvider.GetUtcNow();
            // A timer may fire a hair early by the clock it is compared with; it fired for this deadline.
            due = !_stopped.IsCancellationRequested && _sequencer.ResyncDue(now > deadline ? now : deadline);
            ArmGapTimer();
        }
        if (due)
        {
            QueueOwnResync();
        }
    }

    private void DisarmGapTimer()
    {
        _gapTimer?.Dispose();
        _gapTimer = null;
    }
}

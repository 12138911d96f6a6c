using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>
/// A long-poll user as the browser client runs it: clicks are <c>POST /_rf/send</c> on one connection
/// (<see cref="SimulatedBrowser"/>, which checks each answer), while a second connection keeps a
/// <c>GET /_rf/poll</c> open and polls again as soon as one is answered. The client's own updates ride on the
/// answers to its sends, so the poll is answered only with what no answer carried (docs/protocol.md); were it
/// answered with them too, the browser would ignore those as already applied. Every poll answer is checked: consecutive, correct updates, or a correct refresh when the
/// poll was stale (a send had acknowledged a newer number while the poll was on its way, docs/protocol.md); then it
/// is applied to the same view as the answers (<see cref="SimulatedBrowser.View"/>, the shared ordering core).
/// </summary>
internal sealed class LongPollLoadUser : LoadUser
{
    private static readonly TimeSpan PollRetry = TimeSpan.FromSeconds(1);
    private readonly SimulatedBrowser _browser;
    private readonly HttpClient _send;
    private readonly HttpClient _poll;
    private readonly Uri _baseAddress;
    private CancellationTokenSource _pollStop = new();
    private Task _polling = Task.CompletedTask;
    private int _firstNumber;

    private LongPollLoadUser(Uri baseAddress)
    {
        _baseAddress = baseAddress;
        _send = HttpClients.Create();
        _poll = HttpClients.Create();
        // The server holds a poll up to its PollTimeout (25 s) before answering [].
        _poll.Timeout = TimeSpan.FromSeconds(60);
        _browser = new SimulatedBrowser(_send, baseAddress);
    }

    /// <summary>Opens /counter in a new session and starts polling.</summary>
    public static async Task<LongPollLoadUser> OpenAsync(Uri baseAddress)
    {
        var user = new LongPollLoadUser(baseAddress);
        try
        {
            await user._browser.OpenAsync("/counter");
        }
        catch
        {
            await user.DisposeAsync();
            throw;
        }
        user._firstNumber = user._browser.Number;
        user.StartPolling();
        return user;
    }

    /// <summary>Closes the poll (for the "sends only" comparison, what the poll costs); <see cref="StartPolling"/> reopens it.</summary>
    public async Task StopPollingAsync()
    {
        await _pollStop.CancelAsync();
        await _polling;
    }

    /// <summary>Starts the poll loop unless it runs.</summary>
    public void StartPolling()
    {
        if (!_polling.IsCompleted)
        {
            return;
        }
        _pollStop.Dispose();
        _pollStop = new CancellationTokenSource();
        var stop = _pollStop.Token;
        _polling = Task.Run(() => PollLoopAsync(stop));
    }

    public override Task ClickAsync() => _browser.ClickIncrementAsync();

    /// <summary>The baseline: an event-sized body posted to the bare echo endpoint on the same connection.</summary>
    public Task EchoAsync() => _browser.EchoAsync();

    private async Task PollLoopAsync(CancellationToken stop)
    {
        var session = "rf-session=" + _browser.SessionId;
        var page = Uri.EscapeDataString(new Uri(_baseAddress, "counter").ToString());
        var view = Uri.EscapeDataString(_browser.Page.ViewId);
        while (!stop.IsCancellationRequested)
        {
            // As the browser: poll from the newest number applied, whether it came from a poll or a send's answer.
            var from = _browser.Number;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_baseAddress, $"_rf/poll?view={view}&n={from}&url={page}"));
                request.Headers.Add("X-RF-Token", _browser.Page.Token);
                request.Headers.Add("Cookie", session);
                using var response = await _poll.SendAsync(request, stop);
                var body = await response.Content.ReadAsByteArrayAsync(stop);
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"GET /_rf/poll answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
                }
                using var answer = JsonDocument.Parse(body);
                var (_, updates, refreshes) = CounterCheck.Pushed(answer.RootElement, _browser.Page.ViewId, _firstNumber, from, consecutive: true);
                Counters?.OnPushed(updates, refreshes);
                _browser.View.Receive(answer.RootElement);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Counted like a failed send; then wait a little, as the browser backs off, instead of spinning.
                Counters?.OnError("poll", e);
                try
                {
                    await Task.Delay(PollRetry, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await StopPollingAsync();
        _send.Dispose();
        _poll.Dispose();
        _pollStop.Dispose();
    }
}

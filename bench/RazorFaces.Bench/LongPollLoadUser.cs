using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>
/// A long-poll user as the browser client runs it: clicks are <c>POST /_rf/send</c> on one connection
/// (<see cref="SimulatedBrowser"/>, which checks each answer), while a second connection keeps a
/// <c>GET /_rf/poll</c> open and polls again as soon as one is answered. Since the client's own updates are newer
/// than the number the poll waits with, the poll is answered with each of them too (the browser ignores those as
/// already applied): every poll answer is checked to carry consecutive, correct updates.
/// </summary>
internal sealed class LongPollLoadUser : LoadUser
{
    private static readonly TimeSpan PollRetry = TimeSpan.FromSeconds(1);
    private readonly SimulatedBrowser _browser;
    private readonly HttpClient _send;
    private readonly HttpClient _poll;
    private readonly Uri _baseAddress;
    private readonly CancellationTokenSource _stop = new();
    private Task _polling = Task.CompletedTask;
    private int _firstNumber;
    private int _polled;

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
        user._firstNumber = user._polled = user._browser.Number;
        user._polling = Task.Run(user.PollLoopAsync);
        return user;
    }

    public override Task ClickAsync() => _browser.ClickIncrementAsync();

    /// <summary>The baseline: an event-sized body posted to the bare echo endpoint on the same connection.</summary>
    public Task EchoAsync() => _browser.EchoAsync();

    private async Task PollLoopAsync()
    {
        var session = "rf-session=" + _browser.SessionId;
        var page = Uri.EscapeDataString(new Uri(_baseAddress, "counter").ToString());
        var view = Uri.EscapeDataString(_browser.Page.ViewId);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_baseAddress, $"_rf/poll?view={view}&n={_polled}&url={page}"));
                request.Headers.Add("X-RF-Token", _browser.Page.Token);
                request.Headers.Add("Cookie", session);
                using var response = await _poll.SendAsync(request, _stop.Token);
                var body = await response.Content.ReadAsByteArrayAsync(_stop.Token);
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"GET /_rf/poll answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
                }
                using var answer = JsonDocument.Parse(body);
                var newest = CounterCheck.Pushed(answer.RootElement, _browser.Page.ViewId, _firstNumber, _polled, consecutive: true);
                Counters?.OnPushed(newest - _polled);
                _polled = newest;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Counted like a failed send; then wait a little, as the browser backs off, instead of spinning.
                Counters?.OnError("poll", e);
                try
                {
                    await Task.Delay(PollRetry, _stop.Token);
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
        await _stop.CancelAsync();
        await _polling;
        _send.Dispose();
        _poll.Dispose();
        _stop.Dispose();
    }
}

using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>
/// A SignalR user: opens /counter over HTTP, connects the real SignalR client (<see cref="HubClient"/>) with its
/// session cookie and calls <c>Watch</c> for its view, as the browser client does; clicks are hub <c>Send</c>
/// invocations whose completions are checked. The server does not push the updates that answered the connection's
/// own <c>Send</c>, so pushes should not come at all; any that do are checked and counted. Answers and pushes are
/// applied through the shared ordering core (<see cref="LeanView"/>).
/// </summary>
internal sealed class SignalRLoadUser : LoadUser
{
    private readonly HubClient _hub;
    private readonly string _viewId;
    private readonly string _target;
    private readonly int _firstNumber;
    private readonly LeanView _view;
    private long _eventId;

    private SignalRLoadUser(SimulatedBrowser browser, HubClient hub)
    {
        _hub = hub;
        _view = browser.View;
        _viewId = browser.Page.ViewId;
        _target = browser.Page.Target("increment");
        _firstNumber = browser.Number;
        hub.Pushed = OnPushed;
    }

    /// <summary>Opens /counter in a new session over <paramref name="http"/> (shared: only the first GET and the negotiate use it).</summary>
    public static async Task<SignalRLoadUser> OpenAsync(HttpClient http, Uri baseAddress)
    {
        var browser = new SimulatedBrowser(http, baseAddress);
        await browser.OpenAsync("/counter");
        var hub = await HubClient.ConnectAsync(http, baseAddress, "rf-session=" + browser.SessionId, browser.Page.Token);
        var user = new SignalRLoadUser(browser, hub);
        var watched = await hub.InvokeAsync("Watch", user._viewId, user._view.Number, new Uri(baseAddress, "counter").ToString());
        if (watched != "[]")
        {
            await user.DisposeAsync();
            throw new InvalidDataException("Watch answered " + watched);
        }
        return user;
    }

    public override async Task ClickAsync()
    {
        var before = _view.Number;
        var message = JsonSerializer.Serialize(new
        {
            t = "event", view = _viewId, n = before, id = ++_eventId, target = _target, name = "click",
            args = new { detail = 1, button = 0 },
        });
        var answer = await _hub.InvokeAsync("Send", message);
        using var document = JsonDocument.Parse(answer);
        CounterCheck.Answer(document.RootElement, _viewId, _firstNumber, before);
        _view.Receive(document.RootElement);
    }

    private void OnPushed(string pushed, long at)
    {
        try
        {
            using var document = JsonDocument.Parse(pushed);
            var messages = document.RootElement;
            var (_, updates, refreshes) = CounterCheck.Pushed(messages, _viewId, _firstNumber, 0, consecutive: false);
            Counters?.OnPushed(updates, refreshes);
            _view.Receive(messages);
        }
        catch (Exception e)
        {
            Counters?.OnError("push", e);
        }
    }

    public override ValueTask DisposeAsync() => _hub.DisposeAsync();
}

using System.Diagnostics;
using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>
/// The event round trip over SignalR against long-poll (milestone 4): /counter clicks on the in-process server, each
/// client with its own session and both transports on its own view; rounds of the two alternate. Long-poll posts to
/// <c>/_rf/send</c> (one HTTP request per click, as in the milestone-1 table); SignalR invokes <c>Send</c> on an open
/// WebSocket and waits for its completion.
/// </summary>
internal static class TransportBench
{
    public const string LongPoll = "long-poll (POST /_rf/send)";
    public const string SignalR = "SignalR (hub Send)";

    public static async Task<List<LatencyResult>> RunAsync(BenchServer server, BenchSettings settings, TextWriter log)
    {
        var handlers = new List<HttpClient>();
        var polls = new List<SimulatedBrowser>();
        var hubs = new List<HubCounter>();
        try
        {
            for (var i = 0; i < BenchSettings.Concurrencies.Max(); i++)
            {
                var http = HttpClients.Create();
                handlers.Add(http);
                var poll = new SimulatedBrowser(http, server.Address);
                await poll.OpenAsync("/counter");
                polls.Add(poll);
                var browser = new SimulatedBrowser(http, server.Address);
                await browser.OpenAsync("/counter");
                hubs.Add(new HubCounter(browser, await HubClient.ConnectAsync(http, server.Address, "rf-session=" + browser.SessionId, browser.Page.Token)));
            }
            log.WriteLine($"transports: warm-up with {polls.Count} clients each");
            await RunAsync(polls, p => p.ClickIncrementAsync(), settings.WarmUp / 2);
            await RunAsync(hubs, h => h.ClickAsync(), settings.WarmUp / 2);

            var results = new List<LatencyResult>();
            foreach (var concurrency in BenchSettings.Concurrencies)
            {
                var (pollTicks, hubTicks) = (new List<long>(), new List<long>());
                var (pollSeconds, hubSeconds) = (0.0, 0.0);
                for (var round = 1; round <= settings.Rounds; round++)
                {
                    log.WriteLine($"transports: {concurrency} client(s), round {round}/{settings.Rounds}");
                    var p = await RunAsync(polls.Take(concurrency).ToList(), c => c.ClickIncrementAsync(), settings.RoundDuration);
                    var h = await RunAsync(hubs.Take(concurrency).ToList(), c => c.ClickAsync(), settings.RoundDuration);
                    (pollTicks, hubTicks) = ([.. pollTicks, .. p.Ticks], [.. hubTicks, .. h.Ticks]);
                    (pollSeconds, hubSeconds) = (pollSeconds + p.Seconds, hubSeconds + h.Seconds);
                }
                results.Add(LatencyResult.From(LongPoll, concurrency, pollTicks, pollSeconds));
                results.Add(LatencyResult.From(SignalR, concurrency, hubTicks, hubSeconds));
            }
            return results;
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.Hub.DisposeAsync();
            }
            handlers.ForEach(h => h.Dispose());
        }
    }

    private static async Task<(List<long> Ticks, double Seconds)> RunAsync<T>(IReadOnlyList<T> clients, Func<T, Task> roundTrip, TimeSpan duration)
    {
        var (ticks, seconds, _) = await LoadDriver.RunAsync(clients, roundTrip, duration);
        return (ticks, seconds);
    }

    /// <summary>A /counter view clicked over the hub; checks every answer is the one update n + 1, then applies it (<see cref="LeanView"/>).</summary>
    private sealed class HubCounter(SimulatedBrowser browser, HubClient hub)
    {
        private readonly string _target = browser.Page.Target("increment");
        private long _eventId;

        public HubClient Hub => hub;

        public async Task ClickAsync()
        {
            var number = browser.Number;
            var message = JsonSerializer.Serialize(new
            {
                t = "event", view = browser.Page.ViewId, n = number, id = ++_eventId, target = _target, name = "click",
                args = new { detail = 1, button = 0 },
            });
            var answer = await hub.InvokeAsync("Send", message);
            using var document = JsonDocument.Parse(answer);
            var messages = document.RootElement;
            if (messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() != 1 || messages[0].GetProperty("n").GetInt32() != number + 1)
            {
                throw new InvalidDataException($"Expected one update with n + 1 over the hub, got {answer}");
            }
            browser.View.Receive(messages);
        }
    }
}

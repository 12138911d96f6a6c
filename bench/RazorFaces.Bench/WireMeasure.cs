using System.Text;
using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>
/// Drives one demo page through its steps twice, each time on a fresh server so both start from the same state:
/// over long-poll (<c>POST /_rf/send</c>) and over SignalR (hub <c>Send</c> on a WebSocket), counting the bytes.
/// </summary>
internal static class WireMeasure
{
    public static async Task<WirePageResult> RunAsync(WireScenario scenario)
    {
        var (pageBytes, longPoll) = await LongPollAsync(scenario);
        var hub = await HubAsync(scenario);
        var steps = longPoll.Select((lp, i) =>
        {
            if (hub[i].PatchBytes != lp.PatchBytes)
            {
                // Same page, same steps, same fresh state: the patches must not depend on the transport.
                throw new InvalidDataException($"{scenario.Path} '{lp.Step.Action}': {lp.PatchBytes} patch bytes over long-poll, {hub[i].PatchBytes} over SignalR.");
            }
            return lp with { HubBytes = hub[i].HubBytes };
        }).ToList();
        return new WirePageResult(scenario.Path, pageBytes, steps);
    }

    private static async Task<(int PageBytes, List<WireStepResult> Steps)> LongPollAsync(WireScenario scenario)
    {
        await using var server = await DemoPagesServer.StartAsync();
        using var http = HttpClients.Create();
        var browser = new SimulatedBrowser(http, server.Address);
        var html = await browser.OpenAsync(scenario.Path);
        var targets = WireTargets.FromPage(html);
        var results = new List<WireStepResult>();
        foreach (var step in scenario.Steps)
        {
            (await browser.SendEventAsync(targets.Find(step.Element), step.Event, step.ArgsJson)).Dispose();
            var answer = Encoding.UTF8.GetString(browser.LastAnswer);
            var (patches, patchBytes) = targets.Read(answer);
            results.Add(new WireStepResult(scenario.Path, step, patches, patchBytes, browser.LastAnswer.Length, 0, browser.LastRequest.Length, answer));
        }
        return (Encoding.UTF8.GetByteCount(html), results);
    }

    private static async Task<List<WireStepResult>> HubAsync(WireScenario scenario)
    {
        await using var server = await DemoPagesServer.StartAsync();
        using var http = HttpClients.Create();
        var browser = new SimulatedBrowser(http, server.Address);
        var targets = WireTargets.FromPage(await browser.OpenAsync(scenario.Path));
        await using var hub = await HubFrameClient.ConnectAsync(http, server.Address, browser.SessionId, browser.Page.Token);
        var eventId = 0;
        var results = new List<WireStepResult>();
        foreach (var step in scenario.Steps)
        {
            var number = browser.Number;
            var message = $$"""{"t":"event","view":{{JsonSerializer.Serialize(browser.View.ViewId)}},"n":{{number}},"id":{{++eventId}},"target":{{JsonSerializer.Serialize(targets.Find(step.Element))}},"name":"{{step.Event}}","args":{{step.ArgsJson}}}""";
            var (answer, frameBytes, sent) = await hub.SendAsync(message);
            var (patches, patchBytes) = targets.Read(answer);
            using (var applied = JsonDocument.Parse(answer))
            {
                browser.View.Receive(applied.RootElement);
            }
            results.Add(new WireStepResult(scenario.Path, step, patches, patchBytes, 0, frameBytes, sent, answer));
        }
        return results;
    }
}

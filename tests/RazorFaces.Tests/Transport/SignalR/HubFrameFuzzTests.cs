using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport.SignalR;

/// <summary>
/// The fuzz suite below the hub's methods: malformed WebSocket frames — random bytes, invalid UTF-8, JSON that is no
/// hub message, hub messages of unknown types, targets or argument counts, cut-off records, frames over the size
/// limit. Each is either answered (an error completion, and the connection goes on) or ends that one connection;
/// nothing logs an error, and the view the connection served answers a normal click afterwards, over a new connection
/// if the old one closed.
/// </summary>
public sealed class HubFrameFuzzTests(HubServerFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<HubServerFixture>
{
    private const char RecordSeparator = '\u001e';
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(80);
    private static readonly string[] Targets = ["Send", "Watch", "send", "Unknown", "", "OnConnectedAsync", "Dispose"];

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public Task MalformedHubFramesNeverLogAnErrorAndLeaveTheViewWorking() =>
        FuzzAsync(seed => Frame(new Random(seed), new RandomPayloads(seed)));

    [Fact]
    public Task AFrameOverTheHubSizeLimitEndsOnlyThatConnection() =>
        FuzzAsync(_ => Encoding.UTF8.GetBytes(new string('x', 400 * 1024) + RecordSeparator), tests: 1);

    private static byte[] Frame(Random random, RandomPayloads payloads)
    {
        var separator = random.Next(4) == 0 ? string.Empty : RecordSeparator.ToString();
        var text = random.Next(8) switch
        {
            0 => null,
            1 => payloads.Json(6)?.ToJsonString() ?? "null",
            2 => new JsonObject
            {
                ["type"] = random.Next(3) == 0 ? payloads.Json(1) : random.Next(-2, 12),
                ["invocationId"] = random.Next(2) == 0 ? random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture) : payloads.Json(1),
                ["target"] = random.Next(4) == 0 ? payloads.Json(1) : Targets[random.Next(Targets.Length)],
                ["arguments"] = random.Next(3) == 0 ? payloads.Json(2) : new JsonArray([.. Enumerable.Range(0, random.Next(5)).Select(_ => payloads.Json(2))]),
            }.ToJsonString(),
            3 => "{\"type\":1,\"invocationId\":\"1\",\"target\":\"Send\",\"arguments\":[\"{\\\"t\\\":\\\"close\\\"",
            4 => "{\"type\":4,\"invocationId\":\"9\",\"target\":\"Send\",\"arguments\":[\"{}\"]}",
            5 => "{\"type\":" + random.Next(3, 8).ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"invocationId\":\"nobody\",\"result\":1}",
            6 => new string('[', random.Next(10, 5000)),
            _ => "{\"type\":1,\"target\":\"Send\",\"arguments\":[1,2,3]}",
        };
        if (text is null)
        {
            // Raw bytes: invalid UTF-8 as often as not.
            return [.. payloads.Bytes(300), .. new byte[] { 0xff, 0xfe, 0xc3 }, .. Encoding.UTF8.GetBytes(separator)];
        }
        return Encoding.UTF8.GetBytes(text + separator);
    }

    private async Task FuzzAsync(Func<int, byte[]> frame, int tests = 0)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var initial = Count(view);
        var mark = fixture.Server.Logs.Mark();
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var config = tests > 0 ? Config.WithMaxTest(tests) : Config;

        // Off the test framework's synchronization context: FsCheck properties are synchronous.
        await Task.Run(() => Check.One(config, Prop.ForAll(Seeds, seed =>
        {
            var outcome = SendOneAsync(browser, view, frame(seed)).GetAwaiter().GetResult();
            outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            return true.Label($"seed {seed}: {outcome}");
        })));

        Assert.DoesNotContain(fixture.Server.Logs.Since(mark), e => e.Level >= LogLevel.Error);
        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key}: {o.Value}")));
        await using var hub = await HubTestClient.ConnectAsync(browser, view);
        // A click's answer brings the view up to what the server holds, including fuzz clicks that were applied but
        // whose answers never came (their connection closed or hung first).
        Assert.Equal(System.Text.Json.JsonValueKind.Array, (await hub.ClickAsync("#increment")).ValueKind);
        var before = Count(view);
        // Every answered fuzz click counted, and none more than once: at most one per click that went out.
        var unanswered = outcomes.GetValueOrDefault("stuck") + outcomes.GetValueOrDefault("closed after the click");
        Assert.InRange(before - 1 - initial, outcomes.GetValueOrDefault("answered"), outcomes.GetValueOrDefault("answered") + unanswered);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, (await hub.ClickAsync("#increment")).ValueKind);
        // This click counts once. A click sent on a connection judged stuck may still be applied late (on a loaded
        // machine, after the 5 s the fuzz waits), so each of those may add one as well; nothing else may.
        Assert.InRange(Count(view), before + 1, before + 1 + outcomes.GetValueOrDefault("stuck"));
    }

    private static int Count(ViewClient view) => int.Parse(view.Text("#count"), System.Globalization.CultureInfo.InvariantCulture);

    // What became of the connection after the frame: it answered the next click, the server closed it before or after
    // the click was sent (after: the click may have been applied, its answer lost with the connection), or it hangs
    // (SignalR takes a record of a message type it does not know for an incomplete one and waits for the rest; only
    // that one connection is stuck, until its client gives up on it). A working connection must answer correctly.
    private static async Task<string> SendOneAsync(BrowserSession browser, ViewClient view, byte[] frame)
    {
        await using var hub = await HubTestClient.ConnectAsync(browser, view);
        Task<System.Text.Json.JsonElement> click;
        try
        {
            await hub.SendRawAsync(frame);
            // A frame without its record separator would swallow the click's record: end whatever record is open first.
            await hub.SendRawAsync([(byte)RecordSeparator]);
            click = hub.ClickAsync("#increment");
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or IOException or OperationCanceledException)
        {
            // The server closed the connection on the frame before the next send went out. Which exception the send
            // sees depends on timing: a close frame already read (the client's read loop then stops the socket), or
            // a reset while the bytes were on their way.
            return "closed";
        }
        var first = await Task.WhenAny(click, hub.Closed, Task.Delay(TimeSpan.FromSeconds(5)));
        if (first == click && click.IsCompletedSuccessfully)
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Array, click.Result.ValueKind);
            return "answered";
        }
        return first == hub.Closed || click.IsCompleted ? "closed after the click" : "stuck";
    }
}

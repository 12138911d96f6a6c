using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport.SignalR;

/// <summary>
/// The fuzz suite over the hub: random and mutated messages sent through <c>Send</c> on one connection each get an
/// array or a documented error object with a 4xx status — never a connection close, never a server error — and the
/// same connection then carries a normal click to the view the fuzz aimed at.
/// </summary>
public sealed class HubFuzzTests(HubServerFixture fixture) : IClassFixture<HubServerFixture>
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(150);

    private static readonly HashSet<string> ErrorCodes =
        ["bad-message", "too-large", "bad-token", "unknown-view", "foreign-view", "no-handler", "bad-event-args", "session-expired"];

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public Task RandomJsonValuesSentOverTheHubAreAnsweredWithoutServerErrors() =>
        FuzzAsync((hub, seed) => hub.InvokeAsync("Send", new RandomPayloads(seed).Json(20)?.ToJsonString() ?? "null"));

    [Fact]
    public Task MutatedValidMessagesSentOverTheHubAreAnsweredWithoutServerErrors() =>
        FuzzAsync((hub, seed) =>
        {
            var valid = hub.View.EventMessage(hub.View.TargetOf("#increment", "click"), "click", new JsonObject { ["button"] = 0 });
            return hub.InvokeAsync("Send", new RandomPayloads(seed).Mutate(valid).ToJsonString());
        });

    [Fact]
    public Task RandomWatchArgumentsAreAnsweredWithoutServerErrors() =>
        FuzzAsync((hub, seed) =>
        {
            var random = new RandomPayloads(seed);
            return hub.InvokeAsync("Watch", random.Json(1)?.ToJsonString() ?? string.Empty, seed % 7 - 3, random.Json(1)?.ToJsonString());
        });

    private async Task FuzzAsync(Func<HubTestClient, int, Task<JsonElement>> send)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await using var hub = await HubTestClient.ConnectAsync(browser, view);
        var mark = fixture.Server.Logs.Mark();

        // Off the test framework's synchronization context: FsCheck properties are synchronous.
        await Task.Run(() => Check.One(Config, Prop.ForAll(Seeds, seed =>
        {
            var answer = send(hub, seed).GetAwaiter().GetResult();
            var served = answer.ValueKind == JsonValueKind.Array
                || (answer.ValueKind == JsonValueKind.Object
                    && answer.TryGetProperty("code", out var code) && ErrorCodes.Contains(code.GetString()!)
                    && answer.GetProperty("status").GetInt32() is >= 400 and < 500);
            return served.Label($"seed {seed}: {answer}");
        })));
        // Each refusal is one warning; nothing was a failure or an unhandled exception.
        Assert.DoesNotContain(fixture.Server.Logs.Since(mark), e => e.Level >= LogLevel.Error);

        // The same connection still works: catch up with whatever the fuzz applied (a mutated message may have been a
        // valid event or navigation), go back to the page, then click. Event ids above any RandomPayloads writes.
        view.NextEventId = 1L << 40;
        Assert.True((await view.ResyncAsync()).IsSuccess);
        Assert.True((await view.NavigateAsync("counter")).IsSuccess);
        var before = int.Parse(view.Text("#count"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(JsonValueKind.Array, (await hub.ClickAsync("#increment")).ValueKind);
        Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), view.Text("#count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }
}

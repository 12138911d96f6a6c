using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport;

/// <summary>
/// Random input never gets a 5xx, never takes the server down, and never breaks the view it was aimed at.
/// </summary>
public sealed class FuzzTests(TransportServerFixture fixture) : IClassFixture<TransportServerFixture>
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(150);

    private static readonly HashSet<string> ErrorCodes =
        ["bad-message", "too-large", "unsupported-media-type", "bad-token", "unknown-view", "foreign-view", "no-handler", "bad-event-args", "session-expired"];

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public Task RandomJsonValuesAreAnsweredWithoutServerErrors() =>
        FuzzAsync("counter", (view, seed) =>
        {
            var body = new RandomPayloads(seed).Json(20)?.ToJsonString() ?? "null";
            return view.PostRawAsync(new StringContent(body, Encoding.UTF8, "application/json"));
        });

    [Fact]
    public Task RandomBytesAreAnsweredWithoutServerErrors() =>
        FuzzAsync("counter", (view, seed) =>
        {
            var bytes = new RandomPayloads(seed).Bytes(2 * TransportServerFixture.MaxMessageBytes);
            HttpContent content = seed % 2 == 0 ? new ByteArrayContent(bytes) : new ChunkedContent(bytes);
            // Labelled JSON, so the bytes reach the message reader (other types are refused before it).
            content.Headers.ContentType = new("application/json");
            return view.PostRawAsync(content);
        });

    [Theory]
    [InlineData("counter", "#increment", "click")]
    [InlineData("todos", "#todo-text", "input")]
    [InlineData("form", "form", "submit")]
    public Task MutatedValidMessagesAreAnsweredWithoutServerErrors(string page, string selector, string name) =>
        FuzzAsync(page, (view, seed) =>
        {
            var valid = view.EventMessage(view.TargetOf(selector, name), name, new JsonObject { ["value"] = "x", ["button"] = 0 });
            var message = new RandomPayloads(seed).Mutate(valid);
            return view.PostRawAsync(message);
        });

    [Fact]
    public Task RandomPollQueriesAreAnsweredWithoutServerErrors() =>
        FuzzAsync("counter", async (view, seed) =>
        {
            var query = new RandomPayloads(seed).PollQuery(view.ViewId);
            using var request = new HttpRequestMessage(HttpMethod.Get, "_rf/poll?" + query);
            request.Headers.Add("X-RF-Token", view.Token);
            using var response = await fixture.Server.NewBrowser().Http.SendAsync(request);
            return ServerAnswer.Read(response.StatusCode, await response.Content.ReadAsStringAsync());
        });

    private async Task FuzzAsync(string page, Func<ViewClient, int, Task<ServerAnswer>> send)
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync(page);

        // Off the test framework's synchronization context: FsCheck properties are synchronous.
        await Task.Run(() => Check.One(Config, Prop.ForAll(Seeds, seed =>
        {
            var answer = send(view, seed).GetAwaiter().GetResult();
            var served = answer.IsSuccess || (answer.ErrorCode is { } code && ErrorCodes.Contains(code) && (int)answer.Status is >= 400 and < 500);
            return served.Label($"seed {seed}: {answer}");
        })));

        // The view survived: catch up with whatever the fuzz applied (a mutated message may have been a valid
        // event or navigation), go back to the page, then it still works and stays in step.
        // Above any id RandomPayloads can write (its whole numbers stay below 2^31), or the next event would be
        // taken for a repeat and answered from the log.
        view.NextEventId = 1L << 40;
        Assert.True((await view.ResyncAsync()).IsSuccess);
        Assert.True((await view.NavigateAsync(page)).IsSuccess);
        await AssertViewWorksAsync(page, view);
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
        using var fresh = fixture.Server.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await fresh.Http.GetAsync(page)).StatusCode);
    }

    private static async Task AssertViewWorksAsync(string page, ViewClient view)
    {
        switch (page)
        {
            case "counter":
                await RejectionAssert.CounterStillWorksAsync(view);
                break;
            case "todos":
                var before = view.Root.QuerySelectorAll("#todo-list li").Length;
                await view.InputAsync("#todo-text", "after the fuzz");
                await view.ClickAsync("#add-todo");
                Assert.Equal(before + 1, view.Root.QuerySelectorAll("#todo-list li").Length);
                break;
            default:
                await view.ChangeAsync("#email", "ada@example.org");
                await view.ChangeAsync("#name", "Ada");
                await view.SubmitAsync("form");
                Assert.True(view.Has("#success"), view.Html);
                break;
        }
    }
}

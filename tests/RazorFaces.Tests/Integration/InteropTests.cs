using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using RazorFaces.Protocol;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support;
using RazorFaces.Views;

namespace RazorFaces.Tests.Integration;

/// <summary>JavaScript interop over the wire, over both transports: calls go out on the view's channel, results come back as messages.</summary>
public sealed class InteropTests(InteropServerFixture fixture) : IClassFixture<InteropServerFixture>
{
    public static TheoryData<TransportKind> Transports => [TransportKind.LongPoll, TransportKind.SignalR];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ACallMadeInOnAfterRenderOfTheFirstGetReachesTheBrowserWhenItConnects(TransportKind transport)
    {
        var (browser, view) = await OpenAsync(transport);
        using var _ = browser;
        await using var __ = view;

        var call = await view.JSCallAsync("it.first");

        Assert.Equal(JsonValueKind.Array, call.Arguments.ValueKind);
        Assert.Equal(0, call.Arguments.GetArrayLength());
        Assert.Equal("none", view.Text("#first"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task TheResultOfACallComesBackAsAMessageAndWhatTheAwaitingCodeRendersRidesOnItsAnswer(TransportKind transport)
    {
        var (browser, view) = await OpenAsync(transport);
        using var _ = browser;
        await using var __ = view;
        var call = await view.JSCallAsync("it.first");

        var answer = await view.AnswerJSAsync(call, "\"hello\"");

        Assert.True(answer.IsSuccess, answer.ToString());
        Assert.Contains(answer.Messages, m => m.Type == MessageTypes.Update);
        Assert.Equal("hello", view.Text("#first"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AnEventHandlerThatAwaitsTheBrowserIsAnsweredAtOnceWithTheCallAndGoesOnWithItsResult(TransportKind transport)
    {
        var (browser, view) = await OpenAsync(transport);
        using var _ = browser;
        await using var __ = view;
        await view.AnswerJSAsync(await view.JSCallAsync("it.first"), "\"x\"");

        var clicked = await view.ClickAsync("#ask");

        var call = Assert.Single(clicked.Messages, m => m.Type == MessageTypes.JS);
        Assert.Equal("prompt", call.Function);
        Assert.Equal("name?", call.Arguments[0].GetString());
        await view.AnswerJSAsync(await view.JSCallAsync("prompt"), "\"Ada\"");
        Assert.Equal("Ada", view.Text("#answer"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AnErrorTheBrowserReportsIsAJSExceptionInTheAwaitingCode(TransportKind transport)
    {
        var (browser, view) = await OpenAsync(transport);
        using var _ = browser;
        await using var __ = view;
        await view.AnswerJSAsync(await view.JSCallAsync("it.first"), "\"x\"");
        await view.ClickAsync("#ask");

        await view.AnswerJSAsync(await view.JSCallAsync("prompt"), "prompt is not a function", ok: false);

        Assert.Equal("failed: prompt is not a function", view.Text("#answer"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task FocusAsyncNamesTheElementByTheStableReferenceTheRendererWrote(TransportKind transport)
    {
        var (browser, view) = await OpenAsync(transport);
        using var _ = browser;
        await using var __ = view;
        var reference = view.Find("#name").GetAttribute(ProtocolConstants.TargetAttribute);
        Assert.NotNull(reference);

        await view.ClickAsync("#focus");
        var call = await view.JSCallAsync("Blazor._internal.domWrapper.focus");

        Assert.Equal(reference, call.Arguments[0].GetProperty("__internalId").GetString());
        Assert.False(call.Arguments[1].GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AStaticJSInvokableMethodAnswersWithItsResult(TransportKind transport)
    {
        var (browser, view) = await OpenAsync(transport);
        using var _ = browser;
        await using var __ = view;

        await view.InvokeDotNetAsync("RazorFaces.Tests", "Echo", "[\"hi\"]", callId: 7);
        var result = await view.DotNetResultAsync(7);

        Assert.Equal("hi!", result.Result.GetString());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AMethodOfADotNetObjectReferenceRunsInTheViewAndItsRenderRidesOnTheAnswer(TransportKind transport)
    {
        var (browser, view) = await OpenAsync(transport);
        using var _ = browser;
        await using var __ = view;
        await view.ClickAsync("#register");
        var register = await view.JSCallAsync("it.register");
        var objectId = register.Arguments[0].GetProperty("__dotNetObject").GetInt64();
        await view.AnswerJSAsync(register);

        var answer = await view.InvokeDotNetAsync(null, "Bump", objectId: objectId, callId: 1);

        Assert.Equal("1", view.Text("#bumps"));
        var result = Assert.Single(answer.Messages, m => m.Done == "1");
        Assert.Equal(1, result.Result.GetInt32());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ByteArraysTravelBesideTheJsonBothWays(TransportKind transport)
    {
        var (browser, view) = await OpenAsync(transport);
        using var _ = browser;
        await using var __ = view;
        await view.AnswerJSAsync(await view.JSCallAsync("it.first"), "\"x\"");

        await view.ClickAsync("#bytes");
        var call = await view.JSCallAsync("it.reverse");
        var id = call.Arguments[0].GetProperty("__byte[]").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new byte[] { 1, 2, 255 }, Convert.FromBase64String(JsonDocument.Parse(call.Json).RootElement.GetProperty("bytes").GetProperty(id).GetString()!));
        await view.SendAsync(new System.Text.Json.Nodes.JsonObject
        {
            ["t"] = MessageTypes.JSDone, ["view"] = view.ViewId, ["n"] = view.Number, ["id"] = view.NextEventId++, ["call"] = call.CallId,
            ["ok"] = true, ["result"] = "{\"__byte[]\":0}", ["bytes"] = new System.Text.Json.Nodes.JsonArray(Convert.ToBase64String([255, 2, 1])),
        });
        Assert.Equal("255,2,1", view.Text("#bytes-result"));

        await view.SendAsync(new System.Text.Json.Nodes.JsonObject
        {
            ["t"] = MessageTypes.DotNet, ["view"] = view.ViewId, ["n"] = view.Number, ["id"] = view.NextEventId++, ["call"] = 9,
            ["assembly"] = "RazorFaces.Tests", ["method"] = "Sum", ["args"] = "[{\"__byte[]\":0}]",
            ["bytes"] = new System.Text.Json.Nodes.JsonArray(Convert.ToBase64String([1, 2, 3])),
        });
        Assert.Equal(6, (await view.DotNetResultAsync(9)).Result.GetInt32());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ACallTheBrowserNeverAnswersTimesOut(TransportKind transport)
    {
        var (browser, view) = await OpenAsync(transport);
        using var _ = browser;
        await using var __ = view;
        await view.AnswerJSAsync(await view.JSCallAsync("it.first"), "\"x\"");

        await view.ClickAsync("#ask");

        if (transport == TransportKind.LongPoll)
        {
            await view.PollUntilAsync(v => v.Text("#answer") == "timed out");
        }
        else
        {
            await Eventually.TrueAsync(() => view.Text("#answer") == "timed out", "the call timed out", TimeSpan.FromSeconds(20));
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AfterAViewIsRebuiltItsOldRuntimeThrowsJSDisconnectedAndTheNewOneRunsOnAfterRenderAgain(TransportKind transport)
    {
        var (browser, view) = await OpenAsync(transport);
        using var _ = browser;
        await using var __ = view;
        await view.AnswerJSAsync(await view.JSCallAsync("it.first"), "\"before\"");
        var old = fixture.Probe.Runtime;
        var firstRenders = fixture.Probe.FirstRenders;

        await fixture.Server.Services.GetRequiredService<ViewRegistry>().RemoveAsync(view.ViewId);
        await view.ClickAsync("#focus");

        await Assert.ThrowsAsync<JSDisconnectedException>(() => old.InvokeVoidAsync("anything").AsTask());
        var again = await view.JSCallAsync("it.first");
        Assert.Equal(firstRenders + 1, fixture.Probe.FirstRenders);
        await view.AnswerJSAsync(again, "\"after\"");
        Assert.Equal("after", view.Text("#first"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ACallStillWaitingWhenItsViewIsDroppedEndsWithoutAnErrorInTheLog(TransportKind transport)
    {
        var (browser, view) = await OpenAsync(transport);
        using var _ = browser;
        await using var __ = view;
        await view.JSCallAsync("it.first");
        var mark = fixture.Server.Logs.Mark();

        await fixture.Server.Services.GetRequiredService<ViewRegistry>().RemoveAsync(view.ViewId);
        // The view comes back (rebuilt) and the old one's waiting call has ended by now.
        await view.ClickAsync("#focus");
        await view.JSCallAsync("Blazor._internal.domWrapper.focus");

        Assert.DoesNotContain(fixture.Server.Logs.Since(mark), e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task ANetStreamThatFailsWhileSentCutsTheFetchOffInsteadOfEndingItShortAndLogsOnce()
    {
        var (browser, view) = await OpenAsync(TransportKind.LongPoll);
        using var _ = browser;
        await using var __ = view;
        await view.ClickAsync("#broken-stream");
        var call = await view.JSCallAsync("it.take");
        var (stream, secret) = Assert.Single(ViewClient.ReadDotNetStreams(call)).Value;
        var mark = fixture.Server.Logs.Mark();

        // The first bytes were read; the failure after them must not look like the stream's end: the fetch fails.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var response = await view.GetDotNetStreamAsync(stream, secret);
            await response.Content.ReadAsByteArrayAsync();
        });
        await Eventually.TrueAsync(() => fixture.Server.Logs.Since(mark).Any(l => l.Message.Contains(ErrorCodes.ViewFailed, StringComparison.Ordinal)), "the failure is logged");
        Assert.Single(fixture.Server.Logs.Since(mark), l => l.Message.Contains(ErrorCodes.ViewFailed, StringComparison.Ordinal));
    }

    private async Task<(BrowserSession Browser, ViewClient View)> OpenAsync(TransportKind transport)
    {
        var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("it/interop", transport);
        if (transport == TransportKind.SignalR)
        {
            await view.WatchAsync();
        }
        return (browser, view);
    }
}

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using RazorFaces.Protocol;
using RazorFaces.Rendering;
using RazorFaces.Tests.Support;
using RazorFaces.Testing.Client;
using Microsoft.Extensions.DependencyInjection;

namespace RazorFaces.Tests.Transport;

/// <summary>
/// Streams from the browser over <c>POST /_rf/stream</c>, through the demo's /upload page (Blazor's InputFile, unchanged):
/// the test client plays the browser's part of InputFile and of the stream protocol.
/// </summary>
public sealed class StreamEndpointTests(StreamEndpointTests.Fixture fixture) : IClassFixture<StreamEndpointTests.Fixture>
{
    /// <summary>A demo server whose chunk limit is small, so streams of a few hundred KB take many chunks.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public const int ChunkBytes = 16 * 1024;

        public RazorFacesTestServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await RazorFacesTestServer.StartDemoAsync(o =>
        {
            o.Transport.MaxStreamChunkBytes = ChunkBytes;
            // Far below the stream's size: streams do not travel in messages.
            o.Transport.MaxMessageBytes = 4096;
        },
        // Below the chunk size: a chunk is bounded by the stream's limit, not by the web server's (30 MB by default).
        services: s => s.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = ChunkBytes / 2));

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    [Fact]
    public async Task AFileArrivesInChunksWholeAndInOrderAndItsHashShowsOnceComplete()
    {
        using var browser = fixture.Server.NewBrowser();
        var data = RandomBytes(10 * Fixture.ChunkBytes + 123, seed: 7);
        var (view, send) = await StartUploadAsync(browser, data);
        Assert.Equal(Fixture.ChunkBytes, ViewClient.ReadSendStream(send).ChunkBytes);

        await view.SendStreamAsync(send);

        await view.PollUntilAsync(v => v.Text(".upload-sha256").Length > 0);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), view.Text(".upload-sha256"));
        Assert.Equal(data.Length.ToString(CultureInfo.InvariantCulture), view.Text(".upload-received"));
        Assert.Equal("done", view.Root.QuerySelector("tr.upload-file")!.GetAttribute("data-state"));
        Assert.Equal(0, fixture.Server.Services.GetRequiredService<JSDataStreams>().Count);
    }

    [Fact]
    public async Task AFileOverThePagesLimitFailsWithBlazorsMessageBeforeAnyByteIsSent()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("upload");
        var helper = await InitAsync(view);

        await view.InvokeDotNetAsync(null, "NotifyChange", FileList(17 * 1024 * 1024), helper, callId: 1);

        await view.PollUntilAsync(v => v.Root.QuerySelector("#upload-error") is not null);
        Assert.Contains("exceeds the maximum of 16777216 bytes", view.Text("#upload-error"), StringComparison.Ordinal);
        Assert.DoesNotContain(view.JSMessages, m => m.Function == JSNames.SendStream);
    }

    [Fact]
    public async Task AChunkOverTheLimitIsRefusedWith413AndOneLogLineAndTheReadThrows()
    {
        using var browser = fixture.Server.NewBrowser();
        var data = RandomBytes(3 * Fixture.ChunkBytes, seed: 8);
        var (view, send) = await StartUploadAsync(browser, data);
        var (_, stream, secret, _) = ViewClient.ReadSendStream(send);
        await view.AnswerJSAsync(send);
        var mark = fixture.Server.Logs.Mark();

        using var response = await view.PostStreamChunkAsync(stream, secret, 0, new ByteArrayContent(data[..(Fixture.ChunkBytes + 1)]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains(ErrorCodes.TooLarge, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(fixture.Server.Logs.Since(mark), l => l.Level >= LogLevel.Warning && l.Message.Contains(ErrorCodes.TooLarge, StringComparison.Ordinal));
        await AssertFailedWithoutHashAsync(view);
        // The stream is gone: what the browser sends next is refused.
        using var next = await view.PostStreamChunkAsync(stream, secret, 0, new ByteArrayContent(data[..100]));
        Assert.Equal(HttpStatusCode.NotFound, next.StatusCode);
    }

    [Fact]
    public async Task AChunkWithoutContentLengthOverTheLimitIsRefusedToo()
    {
        using var browser = fixture.Server.NewBrowser();
        var data = RandomBytes(3 * Fixture.ChunkBytes, seed: 9);
        var (view, send) = await StartUploadAsync(browser, data);
        var (_, stream, secret, _) = ViewClient.ReadSendStream(send);
        await view.AnswerJSAsync(send);
        var content = new ChunkedContent(data[..(2 * Fixture.ChunkBytes)]);
        content.Headers.ContentType = new("application/octet-stream");

        using var response = await view.PostStreamChunkAsync(stream, secret, 0, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertFailedWithoutHashAsync(view);
    }

    [Fact]
    public async Task ChunksFromAnotherSessionOrViewOrWithoutTheSecretAreRefusedAndTheUploadGoesOn()
    {
        using var browser = fixture.Server.NewBrowser();
        using var stranger = fixture.Server.NewBrowser();
        var data = RandomBytes(2 * Fixture.ChunkBytes, seed: 10);
        var (view, send) = await StartUploadAsync(browser, data);
        var (_, stream, secret, _) = ViewClient.ReadSendStream(send);
        var strangerView = await stranger.OpenAsync("counter");
        var chunk = data[..Fixture.ChunkBytes];

        using var foreignSession = await strangerView.PostStreamChunkAsync(stream, secret, 0, new ByteArrayContent(chunk), viewId: view.ViewId);
        using var foreignView = await view.PostStreamChunkAsync(stream, secret, 0, new ByteArrayContent(chunk), viewId: strangerView.ViewId);
        using var wrongSecret = await view.PostStreamChunkAsync(stream, "not-the-secret", 0, new ByteArrayContent(chunk));
        using var unknown = await view.PostStreamChunkAsync("no-such-stream", secret, 0, new ByteArrayContent(chunk));
        var wrongType = new ByteArrayContent(chunk);
        wrongType.Headers.ContentType = new("text/plain");
        using var textPlain = await view.PostStreamChunkAsync(stream, secret, 0, wrongType);

        Assert.Equal(HttpStatusCode.Forbidden, foreignSession.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignView.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, textPlain.StatusCode);
        // None of them touched the stream: the page's own upload completes.
        await view.SendStreamAsync(send);
        await view.PollUntilAsync(v => v.Text(".upload-sha256").Length > 0);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), view.Text(".upload-sha256"));
    }

    [Fact]
    public async Task AChunkAtTheWrongOffsetCutsTheStreamOffInsteadOfLeavingAHole()
    {
        using var browser = fixture.Server.NewBrowser();
        var data = RandomBytes(3 * Fixture.ChunkBytes, seed: 11);
        var (view, send) = await StartUploadAsync(browser, data);
        var (_, stream, secret, _) = ViewClient.ReadSendStream(send);
        await view.AnswerJSAsync(send);
        using var first = await view.PostStreamChunkAsync(stream, secret, 0, new ByteArrayContent(data[..Fixture.ChunkBytes]));

        using var skipping = await view.PostStreamChunkAsync(stream, secret, 2 * Fixture.ChunkBytes, new ByteArrayContent(data[(2 * Fixture.ChunkBytes)..]));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, skipping.StatusCode);
        await AssertFailedWithoutHashAsync(view);
    }

    [Fact]
    public async Task AViewClosedWhileItsFileStreamsInFailsTheReadAndForgetsTheStream()
    {
        using var browser = fixture.Server.NewBrowser();
        var data = RandomBytes(3 * Fixture.ChunkBytes, seed: 12);
        var (view, send) = await StartUploadAsync(browser, data);
        var (_, stream, secret, _) = ViewClient.ReadSendStream(send);
        await view.AnswerJSAsync(send);
        using var first = await view.PostStreamChunkAsync(stream, secret, 0, new ByteArrayContent(data[..Fixture.ChunkBytes]));
        var streams = fixture.Server.Services.GetRequiredService<JSDataStreams>();
        Assert.NotNull(streams.Find(stream));

        await view.CloseAsync();

        await Eventually.TrueAsync(() => streams.Find(stream) is null, "the closed view's stream is dropped");
        using var next = await view.PostStreamChunkAsync(stream, secret, Fixture.ChunkBytes, new ByteArrayContent(data[Fixture.ChunkBytes..(2 * Fixture.ChunkBytes)]));
        Assert.Equal(HttpStatusCode.NotFound, next.StatusCode);
    }

    // Opens /upload, plays InputFile's browser side up to the server's request for the bytes.
    private static async Task<(ViewClient View, ServerMessage SendStream)> StartUploadAsync(BrowserSession browser, byte[] data)
    {
        var view = await browser.OpenAsync("upload");
        var helper = await InitAsync(view);
        await view.InvokeDotNetAsync(null, "NotifyChange", FileList(data.Length), helper, callId: 1);
        var read = await view.JSCallAsync("Blazor._internal.InputFile.readFileData");
        await view.AnswerJSWithStreamAsync(read, data);
        return (view, await view.JSCallAsync(JSNames.SendStream));
    }

    private static async Task<long> InitAsync(ViewClient view)
    {
        var init = await view.JSCallAsync("Blazor._internal.InputFile.init");
        await view.AnswerJSAsync(init);
        return init.Arguments[0].GetProperty("__dotNetObject").GetInt64();
    }

    private static async Task AssertFailedWithoutHashAsync(ViewClient view)
    {
        await view.PollUntilAsync(v => v.Root.QuerySelector("tr.upload-file")?.GetAttribute("data-state") == "failed");
        Assert.Equal(string.Empty, view.Text(".upload-sha256"));
        Assert.Contains("failed", view.Text("#upload-error"), StringComparison.Ordinal);
    }

    private static string FileList(long size) =>
        string.Create(CultureInfo.InvariantCulture, $"[[{{\"id\":1,\"lastModified\":\"2026-12-01T10:00:00.000Z\",\"name\":\"a.bin\",\"size\":{size},\"contentType\":\"application/octet-stream\"}}]]");

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RazorFaces.Protocol;
using RazorFaces.Rendering;
using RazorFaces.Tests.Support;
using RazorFaces.Testing.Client;

namespace RazorFaces.Tests.Transport;

/// <summary>
/// .NET streams to the browser over <c>GET /_rf/stream</c>, through the demo's /interop page, which passes a
/// <c>DotNetStreamReference</c> of a few MB to a JavaScript function: the test client plays that function's part.
/// </summary>
public sealed class DotNetStreamEndpointTests(StreamEndpointTests.Fixture fixture) : IClassFixture<StreamEndpointTests.Fixture>
{
    [Fact]
    public async Task TheStreamsBytesArriveWholeOverHttpAndThePageShowsWhatJavaScriptRead()
    {
        using var browser = fixture.Server.NewBrowser();
        var (view, call, stream, secret) = await StartDownloadAsync(browser);

        using var response = await view.GetDotNetStreamAsync(stream, secret);
        var data = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(data.Length, response.Content.Headers.ContentLength);
        Assert.True(data.Length > 3 * 1024 * 1024, "a stream of a few MB, far above the message limit");
        var read = string.Create(CultureInfo.InvariantCulture, $"{data.Length} {Convert.ToHexStringLower(SHA256.HashData(data))}");
        await view.AnswerJSAsync(call, $"\"{read}\"");
        Assert.Equal(view.Text("#interop-download-expected"), view.Text("#interop-download-read"));
        Assert.Equal(read, view.Text("#interop-download-read"));
        Assert.Null(fixture.Server.Services.GetRequiredService<JSDataStreams>().Find(stream));
    }

    [Fact]
    public async Task AStreamIsFetchedOnceTheSecondFetchIsUnknown()
    {
        using var browser = fixture.Server.NewBrowser();
        var (view, _, stream, secret) = await StartDownloadAsync(browser);
        using (var first = await view.GetDotNetStreamAsync(stream, secret))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            await first.Content.ReadAsByteArrayAsync();
        }

        using var second = await view.GetDotNetStreamAsync(stream, secret);

        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Contains(ErrorCodes.UnknownStream, await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchesFromAnotherSessionOrViewOrWithoutTheSecretAreRefusedWithOneLogLineAndLeaveTheStream()
    {
        using var browser = fixture.Server.NewBrowser();
        using var stranger = fixture.Server.NewBrowser();
        var (view, _, stream, secret) = await StartDownloadAsync(browser);
        var strangerView = await stranger.OpenAsync("counter");
        var mark = fixture.Server.Logs.Mark();

        using var foreignSession = await strangerView.GetDotNetStreamAsync(stream, secret, viewId: view.ViewId);
        using var foreignView = await view.GetDotNetStreamAsync(stream, secret, viewId: strangerView.ViewId);
        using var wrongSecret = await view.GetDotNetStreamAsync(stream, "not-the-secret");
        using var unknown = await view.GetDotNetStreamAsync("no-such-stream", secret);

        Assert.Equal(HttpStatusCode.Forbidden, foreignSession.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignView.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var logged = fixture.Server.Logs.Since(mark).Where(l => l.Level >= LogLevel.Warning).ToList();
        Assert.Equal(2, logged.Count(l => l.Message.Contains(ErrorCodes.ForeignView, StringComparison.Ordinal)));
        Assert.Single(logged, l => l.Message.Contains(ErrorCodes.BadToken, StringComparison.Ordinal));
        Assert.Single(logged, l => l.Message.Contains(ErrorCodes.UnknownStream, StringComparison.Ordinal));
        // None of them took the stream: the page's own fetch gets it.
        using var own = await view.GetDotNetStreamAsync(stream, secret);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task AnUploadStreamIsNotFetchedAndADownloadStreamIsNotFed()
    {
        using var browser = fixture.Server.NewBrowser();
        var (view, _, stream, secret) = await StartDownloadAsync(browser);

        using var chunk = await view.PostStreamChunkAsync(stream, secret, 0, new ByteArrayContent([1, 2, 3]));

        Assert.Equal(HttpStatusCode.NotFound, chunk.StatusCode);
        using var own = await view.GetDotNetStreamAsync(stream, secret);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task AViewClosedBeforeItsPageFetchedTheStreamDropsIt()
    {
        using var browser = fixture.Server.NewBrowser();
        var (view, _, stream, secret) = await StartDownloadAsync(browser);
        var streams = fixture.Server.Services.GetRequiredService<JSDataStreams>();
        Assert.IsType<DotNetDataStream>(streams.Find(stream));

        await view.CloseAsync();

        await Eventually.TrueAsync(() => streams.Find(stream) is null, "the closed view's stream is dropped");
        using var late = await view.GetDotNetStreamAsync(stream, secret);
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
    }

    // Opens /interop, answers its module import, clicks the download button; returns the call carrying the stream.
    private static async Task<(ViewClient View, ServerMessage Call, string Stream, string Secret)> StartDownloadAsync(BrowserSession browser)
    {
        var view = await browser.OpenAsync("interop");
        await view.AnswerJSAsync(await view.JSCallAsync("import"), "{\"__jsObjectId\":5}");
        await view.ClickAsync("#interop-download");
        var call = await view.JSCallAsync("sha256Of");
        var (jsId, (stream, secret)) = Assert.Single(ViewClient.ReadDotNetStreams(call));
        Assert.Equal($"{{\"__dotNetStream\":{jsId}}}", call.Arguments[0].GetRawText());
        return (view, call, stream, secret);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>
/// The demo's /upload page in Chromium, over both transports: Blazor's InputFile with two files, streamed to the server
/// in chunks over HTTP (not through the view's messages), progress shown while the handler still reads, and each file's
/// SHA-256 shown once it arrived whole.
/// </summary>
public sealed class UploadTests(TransportNodesFixture fixture) : IClassFixture<TransportNodesFixture>
{
    [Theory]
    [InlineData("auto")]
    [InlineData("longpoll")]
    public async Task TwoFilesStreamInWithProgressAndTheirHashesShowOnceComplete(string transport)
    {
        var page = await fixture.NewPageAsync(transport == "auto" ? fixture.Auto : fixture.LongPoll, "upload");
        Assert.Equal("Upload · RazorFaces demo", await page.TitleAsync());

        var big = TestFile("big.bin", 3 * 1024 * 1024 + 17, seed: 1);
        var small = TestFile("small.txt", 200 * 1024, seed: 2);
        // The second chunk waits until the page has shown the first one's progress: proof that renders of a handler
        // still running reach the browser, without guessing at timing.
        var progressShown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var chunks = 0;
        await page.RouteAsync("**/_rf/stream?*", async route =>
        {
            if (Interlocked.Increment(ref chunks) == 2)
            {
                await progressShown.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
            await route.ContinueAsync();
        });

        await page.SetInputFilesAsync("#upload-files", [big, small]);

        var rows = page.Locator("tr.upload-file");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0).Locator(".upload-name")).ToHaveTextAsync("big.bin");
        await Assertions.Expect(rows.Nth(0)).ToHaveAttributeAsync("data-state", "uploading");
        await page.WaitForFunctionAsync(
            "() => { const n = Number(document.querySelector('tr.upload-file .upload-received').textContent); return n > 0 && n < 3145745; }");
        Assert.Equal(string.Empty, await rows.Nth(0).Locator(".upload-sha256").TextContentAsync());
        progressShown.SetResult();

        await Assertions.Expect(rows.Nth(0)).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => ['done', 'failed'].includes(document.querySelectorAll('tr.upload-file')[1].dataset.state)", null, new() { Timeout = 30_000 });
        Assert.True(await page.Locator("#upload-error").CountAsync() == 0, await page.Locator("#upload-error").CountAsync() == 0 ? "" : await page.Locator("#upload-error").TextContentAsync());
        await Assertions.Expect(rows.Nth(0).Locator(".upload-sha256")).ToHaveTextAsync(Sha256(big.Buffer));
        await Assertions.Expect(rows.Nth(1).Locator(".upload-sha256")).ToHaveTextAsync(Sha256(small.Buffer));
        await Assertions.Expect(rows.Nth(0).Locator(".upload-size")).ToHaveTextAsync(big.Buffer.Length.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(rows.Nth(1).Locator(".upload-received")).ToHaveTextAsync(small.Buffer.Length.ToString(CultureInfo.InvariantCulture));
        // The big file in chunks of the default size, plus one for the small file: the bytes never went through a message.
        const int DefaultChunkBytes = 2 * 1024 * 1024; // RazorFacesOptions.Transport.MaxStreamChunkBytes, which Demo.App keeps
        var bigChunks = (big.Buffer.Length + DefaultChunkBytes - 1) / DefaultChunkBytes;
        Assert.True(chunks >= bigChunks + 1, $"{chunks} chunk requests");
        Assert.Equal(transport == "auto" ? "signalr" : "longpoll", await page.EvaluateAsync<string>("() => window.RazorFaces.stats.transport"));
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));
        Assert.Equal(0, await page.Locator("#upload-error").CountAsync());
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("longpoll")]
    public async Task MoreFilesThanThePageAcceptsAreRefusedWithBlazorsMessage(string transport)
    {
        var page = await fixture.NewPageAsync(transport == "auto" ? fixture.Auto : fixture.LongPoll, "upload");

        // InputFile starts listening in its first OnAfterRenderAsync, a JS call that may reach the page just after it
        // is connected; a pick before that goes unseen (as on Blazor Server). So the test picks again until the page
        // answers, which the refusal then must be.
        const string Refusal = "The maximum number of files accepted is 2, but 3 were supplied";
        for (var attempt = 1; ; attempt++)
        {
            await page.SetInputFilesAsync("#upload-files", [TestFile("a", 10, 3), TestFile("b", 10, 4), TestFile("c", 10, 5)]);
            try
            {
                await Assertions.Expect(page.Locator("#upload-error")).ToContainTextAsync(Refusal, new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }

        await Assertions.Expect(page.Locator("tr.upload-file")).ToHaveCountAsync(0);
    }

    /// <summary>Bytes no compressor shortens, the same for a seed in every run.</summary>
    internal static FilePayload TestFile(string name, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return new FilePayload { Name = name, MimeType = "application/octet-stream", Buffer = bytes };
    }

    internal static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

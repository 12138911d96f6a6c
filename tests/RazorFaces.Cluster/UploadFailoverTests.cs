using System.Security.Cryptography;
using Microsoft.Playwright;
using RazorFaces.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace RazorFaces.Cluster.Tests;

/// <summary>
/// An upload through a node's death (Chromium, three nodes behind haproxy): the demo's /upload page streams two files;
/// the node reading them is SIGKILLed mid-way. The page never shows a half file as complete, says the upload was cut
/// off, and the same files picked again upload whole on the node that took the view over.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UploadFailoverTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private DemoCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await DemoCluster.StartAsync(nodes: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AnUploadCutOffByItsNodesDeathFailsCleanlyAndSucceedsWhenRetriedOnTheSurvivor()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await ClusterPage.OpenAsync(context, new Uri(_cluster.Address, "upload"));
        var big = File("big.bin", 3 * 1024 * 1024 + 5, seed: 21);
        var small = File("small.bin", 200 * 1024, seed: 22);
        // The browser's second chunk waits until the node reading the stream is dead: the upload is surely mid-way.
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var chunks = 0;
        await page.Page.RouteAsync("**/_rf/stream?*", async route =>
        {
            if (Interlocked.Increment(ref chunks) == 2)
            {
                await killed.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
            await route.ContinueAsync();
        });

        await page.Page.SetInputFilesAsync("#upload-files", [big, small]);
        await page.Page.WaitForFunctionAsync("() => Number(document.querySelector('tr.upload-file .upload-received')?.textContent) > 0");
        var first = await page.TextAsync("#served-by");
        await _cluster.Node(first).KillAsync();
        killed.SetResult();

        string second;
        try
        {
            second = await page.WaitForServedByOtherThanAsync(first);
            await page.Page.Locator("#upload-interrupted").WaitForAsync(new() { Timeout = 30_000 });
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            output.WriteLine(_cluster.Describe());
            output.WriteLine(await page.DescribeAsync());
            throw;
        }
        // No hash of a half file, ever: the rebuilt view shows no file as complete.
        Assert.Equal(0, await page.Page.Locator("tr.upload-file[data-state=done]").CountAsync());
        Assert.Contains("big.bin", await page.TextAsync("#upload-interrupted"), StringComparison.Ordinal);

        await page.Page.UnrouteAllAsync();
        await page.Page.SetInputFilesAsync("#upload-files", [big, small]);

        var rows = page.Page.Locator("tr.upload-file");
        await Assertions.Expect(rows.Nth(0)).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 60_000 });
        await Assertions.Expect(rows.Nth(1)).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 60_000 });
        Assert.Equal(Sha256(big.Buffer), await rows.Nth(0).Locator(".upload-sha256").InnerTextAsync());
        Assert.Equal(Sha256(small.Buffer), await rows.Nth(1).Locator(".upload-sha256").InnerTextAsync());
        Assert.Equal(0, await page.Page.Locator("#upload-interrupted").CountAsync());
        Assert.NotEqual(first, second);
        Assert.Equal(second, await page.TextAsync("#served-by"));
        Assert.Equal("connected", await page.StatusAsync());
        Assert.Equal(1, page.Loads);
        output.WriteLine($"{first} killed mid-upload after {chunks} chunk requests; retried on {second}; {await page.DescribeAsync()}");
    }

    private static FilePayload File(string name, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return new FilePayload { Name = name, MimeType = "application/octet-stream", Buffer = bytes };
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

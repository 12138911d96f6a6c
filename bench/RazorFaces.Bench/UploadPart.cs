using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using RazorFaces.Protocol;
using RazorFaces.Testing.Client;

namespace RazorFaces.Bench;

/// <summary>
/// Upload throughput through the real path (Demo.App's /upload page: Blazor's InputFile, <c>OpenReadStream</c> read and
/// hashed by the page, the bytes over <c>POST /_rf/stream</c> in chunks) against a bare Kestrel endpoint that reads and
/// hashes one POST body, on the same server, alternating.
/// </summary>
internal sealed class UploadPart : IBenchPart
{
    public const double Target = 0.70;
    private const int FileBytes = 15 * 1024 * 1024;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly List<double> _bare = [], _upload = [];
    private int _rounds;
    private int _chunkBytes;

    public string Name => "upload";

    public async Task RunAsync(BenchContext context)
    {
        var server = await context.ServerAsync();
        var data = new byte[FileBytes];
        new Random(12).NextBytes(data);
        var expected = Convert.ToHexStringLower(SHA256.HashData(data));
        using var bare = new HttpClient { BaseAddress = server.Address };
        _rounds = context.Settings.Quick ? 6 : 20;
        // Warm-up: one of each.
        await BareAsync(bare, data, expected);
        await UploadAsync(server.Address, data, expected);
        for (var round = 0; round < _rounds; round++)
        {
            _bare.Add(await BareAsync(bare, data, expected));
            _upload.Add(await UploadAsync(server.Address, data, expected));
        }
        context.Log.WriteLine(string.Create(Invariant, $"upload: {Median(_upload):0} MB/s through /upload against {Median(_bare):0} MB/s bare ({Median(_upload) / Median(_bare):0.00}×)"));
    }

    public IEnumerable<TargetRow> Targets()
    {
        var ratio = Median(_upload) / Median(_bare);
        yield return new TargetRow($"upload throughput ≥ {Target:0%} of a bare Kestrel upload endpoint's",
            string.Create(Invariant, $"{ratio:0%} ({Median(_upload):0} MB/s vs {Median(_bare):0} MB/s)"), ratio >= Target);
    }

    public void WriteSection(StringBuilder md)
    {
        md.AppendLine("## Upload throughput").AppendLine();
        md.AppendLine("| what | median MB/s | slowest MB/s | ÷ bare median |").AppendLine("|---|---:|---:|---:|");
        foreach (var (what, samples) in new[] { ("bare Kestrel endpoint (one POST, body read and hashed)", _bare), ("/upload: InputFile → IJSStreamReference → POST /_rf/stream chunks → the page reads and hashes", _upload) })
        {
            md.AppendLine(string.Create(Invariant, $"| {what} | {Median(samples):0} | {samples.DefaultIfEmpty().Min():0} | {Median(samples) / Median(_bare):0.00}× |"));
        }
        md.AppendLine();
        md.AppendLine(string.Create(Invariant, $"How it is measured: Demo.App's pipeline on an in-process Kestrel (the benchmark's server); a {FileBytes / (1024 * 1024)} MB file of random bytes, {_rounds} rounds alternating the two after one warm-up of each. Bare: one `POST` of the whole file to a minimal `MapPost` that reads the body and hashes it with SHA-256 (as the page does), timed to its answer. /upload: the project's .NET protocol client plays the browser (long-poll): it answers InputFile's `init`, sends `NotifyChange` with the file, answers `readFileData` with a stream reference and, when the server calls `sendJSDataStream`, posts the bytes in chunks of {_chunkBytes / 1024} KB (`MaxStreamChunkBytes`), one at a time as the browser does; timed from `NotifyChange` to the page showing the file's SHA-256 (every view round trip of the upload included). MB is 2^20 bytes.")).AppendLine();
    }

    private static async Task<double> BareAsync(HttpClient client, byte[] data, string expected)
    {
        var started = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await client.PostAsync(BenchServer.UploadPath.TrimStart('/'), content);
        var hash = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (!response.IsSuccessStatusCode || hash != expected)
        {
            throw new InvalidDataException($"The bare upload endpoint answered {(int)response.StatusCode} {hash}.");
        }
        return FileBytes / (1024.0 * 1024.0) / elapsed.TotalSeconds;
    }

    private async Task<double> UploadAsync(Uri address, byte[] data, string expected)
    {
        using var browser = new BrowserSession(address);
        var view = await browser.OpenAsync("upload");
        var init = await view.JSCallAsync("Blazor._internal.InputFile.init");
        await view.AnswerJSAsync(init);
        var helper = init.Arguments[0].GetProperty("__dotNetObject").GetInt64();
        var files = string.Create(Invariant, $"[[{{\"id\":1,\"lastModified\":\"2026-12-01T10:00:00.000Z\",\"name\":\"bench.bin\",\"size\":{data.Length},\"contentType\":\"application/octet-stream\"}}]]");

        var started = Stopwatch.GetTimestamp();
        await view.InvokeDotNetAsync(null, "NotifyChange", files, helper, callId: 1);
        await view.AnswerJSWithStreamAsync(await view.JSCallAsync("Blazor._internal.InputFile.readFileData"), data);
        var send = await view.JSCallAsync(JSNames.SendStream);
        _chunkBytes = ViewClient.ReadSendStream(send).ChunkBytes;
        await view.SendStreamAsync(send);
        await view.PollUntilAsync(v => v.Root.QuerySelector(".upload-sha256")?.TextContent.Length > 0, TimeSpan.FromSeconds(60));
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (view.Text(".upload-sha256") != expected)
        {
            throw new InvalidDataException("The /upload page showed another hash than the file's: " + view.Html);
        }
        await view.CloseAsync();
        return FileBytes / (1024.0 * 1024.0) / elapsed.TotalSeconds;
    }

    private static double Median(List<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}

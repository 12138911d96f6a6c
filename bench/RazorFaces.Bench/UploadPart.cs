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
    // Process CPU (the simulated browser's and the server's, both in this process) per file, in ms.
    private readonly List<double> _bareCpu = [], _uploadCpu = [];
    private int _rounds, _warmUps;
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
        // Warm-up until the JIT's second tier has compiled both paths: /upload runs far more methods than the bare
        // endpoint, and with a single warm-up the background compiler still took about a sixth of the CPU while /upload
        // was measured (seen with perf).
        _warmUps = context.Settings.Quick ? 4 : 10;
        for (var round = 0; round < _warmUps; round++)
        {
            await BareAsync(bare, data, expected);
            await UploadAsync(server.Address, data, expected);
        }
        _bareCpu.Clear();
        _uploadCpu.Clear();
        for (var round = 0; round < _rounds; round++)
        {
            _bare.Add(await BareAsync(bare, data, expected));
            _upload.Add(await UploadAsync(server.Address, data, expected));
        }
        context.Log.WriteLine(string.Create(Invariant, $"upload: {Median(_upload):0} MB/s through /upload against {Median(_bare):0} MB/s bare ({Median(_upload) / Median(_bare):0.00}×); CPU per file {Median(_uploadCpu):0.0} ms against {Median(_bareCpu):0.0} ms"));
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
        md.AppendLine("| what | median MB/s | slowest MB/s | ÷ bare median | CPU ms per file (median) |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (what, samples, cpu) in new[] { ("bare Kestrel endpoint (one POST, body read and hashed)", _bare, _bareCpu), ("/upload: InputFile → IJSStreamReference → POST /_rf/stream chunks → the page reads and hashes", _upload, _uploadCpu) })
        {
            md.AppendLine(string.Create(Invariant, $"| {what} | {Median(samples):0} | {samples.DefaultIfEmpty().Min():0} | {Median(samples) / Median(_bare):0.00}× | {Median(cpu):0.0} |"));
        }
        md.AppendLine();
        md.AppendLine(string.Create(Invariant, $"How it is measured: Demo.App's pipeline on an in-process Kestrel (the benchmark's server); a {FileBytes / (1024 * 1024)} MB file of random bytes, {_rounds} rounds alternating the two after {_warmUps} warm-ups of each. Bare: one `POST` of the whole file to a minimal `MapPost` that reads the body and hashes it with SHA-256 (as the page does), timed to its answer. /upload: the project's .NET protocol client plays the browser (long-poll): it answers InputFile's `init`, sends `NotifyChange` with the file, answers `readFileData` with a stream reference and, when the server calls `sendJSDataStream`, posts the bytes in chunks of {_chunkBytes / 1024} KB (`MaxStreamChunkBytes`), one at a time as the browser does; timed from `NotifyChange` to the page showing the file's SHA-256 (every view round trip of the upload included). MB is 2^20 bytes. CPU per file is this process's CPU time over the timed part (client and server share the process and the cores, so on a busy machine the ratio of MB/s follows the ratio of CPU per file).")).AppendLine();
    }

    private async Task<double> BareAsync(HttpClient client, byte[] data, string expected)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await client.PostAsync(BenchServer.UploadPath.TrimStart('/'), content);
        var hash = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        _bareCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
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

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await view.InvokeDotNetAsync(null, "NotifyChange", files, helper, callId: 1);
        await view.AnswerJSWithStreamAsync(await view.JSCallAsync("Blazor._internal.InputFile.readFileData"), data);
        var send = await view.JSCallAsync(JSNames.SendStream);
        _chunkBytes = ViewClient.ReadSendStream(send).ChunkBytes;
        await view.SendStreamAsync(send);
        await view.PollUntilAsync(v => v.Root.QuerySelector(".upload-sha256")?.TextContent.Length > 0, TimeSpan.FromSeconds(60));
        var elapsed = Stopwatch.GetElapsedTime(started);
        _uploadCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
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

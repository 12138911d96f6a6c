using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>
/// A Demo.App node as its own process on a loopback port, in cluster mode (<c>--redis</c>). Killed with SIGKILL
/// (<see cref="Process.Kill()"/> on Linux): nothing it held in memory survives, and it gets no chance to release
/// anything it held in Redis.
/// </summary>
internal sealed class DemoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DemoProcess(Process process, string name, int port)
    {
        _process = process;
        Name = name;
        Port = port;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The process's resident memory now, in MB (Linux: <c>/proc/PID/status</c>).</summary>
    public double ResidentMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return double.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
            }
        }
        return double.NaN;
    }

    /// <summary>
    /// Starts a node (on Redis, or with <paramref name="redis"/> null on the in-memory store) and waits until
    /// <c>/healthz</c> answers 200. <paramref name="arguments"/> go on its command line.
    /// </summary>
    public static async Task<DemoProcess> StartAsync(string name, int port, string? redis, params string[] arguments)
    {
        var assembly = RepoPaths.DemoAssembly;
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} is missing: build it first (dotnet build -c Release Demo.App, or build the benchmark in Release).");
        }
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] store = redis is null ? [] : ["--redis", redis];
        foreach (var argument in new[] { assembly, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--node", name }.Concat(store).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        // Like a production node: no per-request log lines competing for the two cores.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Demo.App.");
        var node = new DemoProcess(process, name, port);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node.WaitUntilHealthyAsync();
        return node;
    }

    /// <summary>SIGSTOP (<paramref name="stop"/>) or SIGCONT: a stopped node neither answers nor releases anything.</summary>
    public void Pause(bool stop)
    {
        const int SigStop = 19, SigCont = 18;
        if (Signals.Send(_process.Id, stop ? SigStop : SigCont) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}) failed: {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>SIGKILL, then waits until the process is gone (its port refuses connections).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Demo.App {Name} exited with {_process.ExitCode}:\n{Output()}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(Address, "healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Demo.App {Name} was not healthy within 60 s:\n{Output()}");
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>
/// An app (Demo.App, or the Blazor Server peer) as its own process on a loopback port, started from its Release build
/// with <c>dotnet APP.dll</c>. <see cref="KillAsync"/> is SIGKILL (<see cref="Process.Kill()"/> on Linux): nothing it
/// held in memory survives, and it gets no chance to release anything it held in Redis. <see cref="RestartAsync"/>
/// starts the same command again on the same port.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly string _assembly;
    private readonly string[] _arguments;
    private readonly StringBuilder _output = new();
    private Process _process;

    private AppProcess(string assembly, int port, string[] arguments, Process process)
    {
        _assembly = assembly;
        _arguments = arguments;
        _process = process;
        Port = port;
        Address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public int Port { get; }

    public Uri Address { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the process has used so far (user + system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Resident memory now, in MB (Linux: <c>/proc/PID/status</c>).</summary>
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

    /// <summary>Starts <paramref name="assembly"/> on a free port and waits until <c>/healthz</c> answers.</summary>
    public static Task<AppProcess> StartAsync(string assembly, params string[] arguments) =>
        StartOnAsync(assembly, LocalPorts.Free(), arguments);

    /// <summary>Starts <paramref name="assembly"/> on <paramref name="port"/> and waits until <c>/healthz</c> answers.</summary>
    public static async Task<AppProcess> StartOnAsync(string assembly, int port, params string[] arguments)
    {
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} is missing: build it first (building the benchmark in Release builds Demo.App; the peer part publishes the Blazor peer itself).");
        }
        var node = new AppProcess(assembly, port, arguments, Launch(assembly, port, arguments));
        node.Watch();
        await node.WaitUntilHealthyAsync();
        return node;
    }

    /// <summary>SIGKILL (<see cref="Process.Kill()"/> on Linux), then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the same command on the same port again (after <see cref="KillAsync"/>), and waits until healthy.</summary>
    public async Task RestartAsync()
    {
        _process.Dispose();
        _process = Launch(_assembly, Port, _arguments);
        Watch();
        await WaitUntilHealthyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static Process Launch(string assembly, int port, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assembly, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        // Both apps as in production: no per-request log lines competing for the two cores.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {assembly}.");
    }

    private void Watch()
    {
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(_assembly)} exited with {_process.ExitCode}:\n{Output()}");
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
            await Task.Delay(20);
        }
        throw new TimeoutException($"{Path.GetFileName(_assembly)} was not healthy within 60 s:\n{Output()}");
    }

    /// <summary>What the process wrote to stdout and stderr so far.</summary>
    public string Output()
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

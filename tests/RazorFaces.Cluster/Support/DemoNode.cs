using System.Diagnostics;
using System.Net;

using RazorFaces.TestSupport;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>
/// One Demo.App process in cluster mode (<c>--node NAME --redis HOST:PORT --test-hooks true</c>) on a fixed
/// loopback port, which a test can kill (SIGKILL), stop gracefully (SIGTERM) and start again under the same
/// name and port, as an operator restarting a crashed node would.
/// </summary>
public sealed class DemoNode : IAsyncDisposable
{
    private readonly string _redis;
    private readonly string _assembly;
    private readonly ProcessOutput _output;
    private readonly IReadOnlyList<string> _extraArguments;
    private Process? _process;

    /// <param name="extraArguments">More command-line arguments for the app (e.g. <c>--transport longpoll</c>).</param>
    /// <param name="assembly">The app to run: Demo.App unless given (another build of it, say).</param>
    internal DemoNode(string name, string redis, ProcessOutput output, IReadOnlyList<string>? extraArguments = null, string? assembly = null)
    {
        Name = name;
        _redis = redis;
        _assembly = assembly ?? RepoPaths.DemoAssembly;
        _output = output;
        _extraArguments = extraArguments ?? [];
        Port = Loopback.FreePort();
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the process and waits until <c>/healthz</c> answers 200.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }
        if (!File.Exists(_assembly))
        {
            throw new InvalidOperationException($"Build the app first: {_assembly} is missing.");
        }
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(_assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            _assembly, "--urls", $"http://127.0.0.1:{Port}", "--node", Name, "--redis", _redis, "--test-hooks", "true", .. _extraArguments,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Quiet request logs; warnings and errors still show up in failure messages.
        start.Environment["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable("RF_NODE_LOG_LEVEL") ?? "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        _output.Note($"starting {Name} on port {Port}");
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Demo.App.");
        _output.Attach(_process, Name);
        await WaitUntilHealthyAsync();
    }

    /// <summary>SIGKILL: the node vanishes mid-request, writing nothing more.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started.");
        _output.Note($"SIGKILL {Name}");
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>SIGSTOP: the node freezes mid-request (a long pause), holding whatever it held.</summary>
    public void Freeze()
    {
        _output.Note($"SIGSTOP {Name}");
        Signals.Send(_process ?? throw new InvalidOperationException($"{Name} was never started."), "STOP");
    }

    /// <summary>SIGCONT: a frozen node goes on where it stopped.</summary>
    public void Thaw()
    {
        _output.Note($"SIGCONT {Name}");
        Signals.Send(_process ?? throw new InvalidOperationException($"{Name} was never started."), "CONT");
    }

    /// <summary>SIGTERM: the node drains (health 503, affinity cleared, polls answered) and exits.</summary>
    public async Task TerminateAsync()
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started.");
        _output.Note($"SIGTERM {Name}");
        Signals.Send(process, "TERM");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await process.WaitForExitAsync(timeout.Token);
        _output.Note($"{Name} exited with {process.ExitCode}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{_output}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(Address, "healthz"));
                // This node's answer, not another process's on the same port (see Loopback.FreePort).
                if (response.StatusCode == HttpStatusCode.OK
                    && (await response.Content.ReadAsStringAsync()).Contains($"\"node\":\"{Name}\"", StringComparison.Ordinal))
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
            await Task.Delay(100);
        }
        throw new TimeoutException($"{Name} was not healthy within 60 s:\n{_output}");
    }
}

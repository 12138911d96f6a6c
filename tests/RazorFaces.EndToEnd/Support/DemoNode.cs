using System.Diagnostics;
using System.Text;

using RazorFaces.TestSupport;

namespace RazorFaces.EndToEnd.Support;

/// <summary>A Demo.App process on a free loopback port, started and stopped (or killed) by a test.</summary>
public sealed class DemoNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DemoNode(Process process, string name, Uri address, string[] arguments)
    {
        _process = process;
        Name = name;
        Address = address;
        Arguments = arguments;
    }

    public string Name { get; }

    public Uri Address { get; }

    /// <summary>The arguments the node was started with besides its address and name.</summary>
    public string[] Arguments { get; }

    /// <summary>What the process printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static Task<DemoNode> StartAsync(string name, params string[] extraArguments) =>
        StartAsync(name, FreePort(), extraArguments);

    /// <summary>Starts a node on <paramref name="port"/>, e.g. the port of a node just killed (a restart).</summary>
    public static async Task<DemoNode> StartAsync(string name, int port, params string[] extraArguments)
    {
        if (!File.Exists(RepoPaths.DemoAssembly))
        {
            throw new InvalidOperationException($"Build Demo.App first: {RepoPaths.DemoAssembly} is missing.");
        }
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(RepoPaths.DemoAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { RepoPaths.DemoAssembly, "--urls", address.ToString().TrimEnd('/'), "--node", name }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Demo.App.");
        var node = new DemoNode(process, name, address, extraArguments);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node.WaitUntilServingAsync();
        return node;
    }

    /// <summary>
    /// Kills this node (no graceful shutdown: whatever it held in memory is gone) and starts a new process with
    /// the same name, port and arguments, so browsers reach it at the same address with their old cookies.
    /// </summary>
    public async Task<DemoNode> RestartAsync()
    {
        await DisposeAsync();
        return await StartAsync(Name, Address.Port, Arguments);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Demo.App exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(Address, "_rf/razorfaces.js"));
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
            await Task.Delay(100);
        }
        throw new TimeoutException($"Demo.App did not start serving within 60 s:\n{Output}");
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

    private static int FreePort() => RazorFaces.TestSupport.LoopbackPorts.Next();
}

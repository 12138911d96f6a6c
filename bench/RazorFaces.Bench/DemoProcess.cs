using System.Diagnostics;

namespace RazorFaces.Bench;

/// <summary>
/// A Demo.App node as its own process on a loopback port, in cluster mode (<c>--redis</c>). Killed with SIGKILL
/// (<see cref="Process.Kill()"/> on Linux): nothing it held in memory survives, and it gets no chance to release
/// anything it held in Redis.
/// </summary>
internal sealed class DemoProcess : IAsyncDisposable
{
    private readonly AppProcess _process;

    private DemoProcess(AppProcess process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Port => _process.Port;

    public Uri Address => _process.Address;

    public bool HasExited => _process.HasExited;

    /// <summary>The node's process id (for a profiler to attach).</summary>
    public int ProcessId => _process.Id;

    /// <summary>What the node logged so far (warnings and errors: the benchmark starts it at level Warning).</summary>
    public string Output() => _process.Output();

    /// <summary>CPU time the node has used so far (user + system).</summary>
    public TimeSpan CpuTime => _process.CpuTime;

    /// <summary>The process's resident memory now, in MB (Linux: <c>/proc/PID/status</c>).</summary>
    public double ResidentMegabytes() => _process.ResidentMegabytes();

    /// <summary>
    /// Starts a node (on Redis, or with <paramref name="redis"/> null on the in-memory store) and waits until
    /// <c>/healthz</c> answers 200. <paramref name="arguments"/> go on its command line.
    /// </summary>
    public static async Task<DemoProcess> StartAsync(string name, int port, string? redis, params string[] arguments)
    {
        string[] store = redis is null ? [] : ["--redis", redis];
        var process = await AppProcess.StartOnAsync(RepoPaths.DemoAssembly, port, [.. new[] { "--node", name }.Concat(store).Concat(arguments)]);
        return new DemoProcess(process, name);
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
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RazorFaces.Tests.Support;

/// <summary>
/// The processes of a Redis deployment the tests start on loopback ports (a Redis Cluster, a Sentinel set-up): each
/// redis-server in a temporary directory of the deployment's own, its output kept for failure messages, and every
/// process killed on dispose, pass or fail. Shared with the cluster tests and the benchmark (linked); the test
/// projects make it an xunit fixture (<c>RedisDeployment.Fixture.cs</c>).
/// </summary>
public abstract partial class RedisDeployment : IAsyncDisposable
{
    private readonly List<(int Port, Process Process, StringBuilder Output)> _processes = [];
    private readonly Dictionary<int, string[]> _arguments = [];

    /// <summary>The deployment's own directory (configuration files, node tables).</summary>
    protected string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("rf-redis-deployment-").FullName;

    /// <summary>What <c>AddRazorFacesRedis</c> / <c>--redis</c> take to reach this deployment.</summary>
    public abstract string Configuration { get; }

    /// <summary>Every process's output, for a failure message.</summary>
    public string Output => string.Join("\n", _processes.Select(p => $"--- :{p.Port}\n{Snapshot(p.Output)}"));

    public abstract Task InitializeAsync();

    /// <summary>Kills <paramref name="port"/>'s redis-server with SIGKILL, as a crash would.</summary>
    public void Kill(int port)
    {
        var (_, process, _) = _processes.Single(p => p.Port == port);
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>
    /// Starts <paramref name="port"/>'s redis-server again, as it was first started (empty: nothing persists), with
    /// <paramref name="more"/> arguments for this start only.
    /// </summary>
    public Task RestartAsync(int port, params string[] more)
    {
        _processes.RemoveAll(p => p.Port == port && p.Process.HasExited);
        // Empty means empty: a server that was ever a replica wrote the RDB of its last full sync to its directory
        // (replicas load a sync through a file), and would otherwise start again with that stale copy. A Cluster
        // node keeps its nodes.conf, as a restarted node does.
        File.Delete(Path.Combine(Directory, Text(port), "dump.rdb"));
        return LaunchAsync(port, [.. _arguments[port], .. more]);
    }

    /// <summary>
    /// Starts <paramref name="port"/>'s killed server again, empty, as a replica of the server that took over from it,
    /// and waits until it holds the data (an operator's recovery of a Redis without persistence).
    /// </summary>
    public abstract Task RestartAsReplicaAsync(int port);

    /// <summary>
    /// Waits until the deployment is as strong as it was started: every primary serving, with all its replicas in sync,
    /// so the next crash finds a replica to promote and one more to acknowledge saves.
    /// </summary>
    public abstract Task WaitUntilWholeAsync();

    /// <summary>Waits until <paramref name="port"/> is a replica in sync with its primary.</summary>
    public Task WaitUntilReplicaInSyncAsync(int port) =>
        WaitUntilAsync(async () =>
        {
            try
            {
                var role = await CliAsync("-p", Text(port), "role");
                return role.StartsWith("slave", StringComparison.Ordinal) && role.Contains("connected", StringComparison.Ordinal);
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }, $"redis-server :{port} a replica in sync");

    public async Task DisposeAsync()
    {
        foreach (var (_, process, _) in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    /// <summary>Starts redis-server with <paramref name="arguments"/> (a configuration file first, if any) and waits until it listens.</summary>
    protected Task StartServerAsync(int port, params string[] arguments)
    {
        _arguments[port] = arguments;
        return LaunchAsync(port, arguments);
    }

    private async Task LaunchAsync(int port, string[] arguments)
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Each server its own directory: a replica writes the RDB it syncs there, and a restarted server must not
        // load another's.
        var directory = System.IO.Directory.CreateDirectory(Path.Combine(Directory, Text(port))).FullName;
        // A full sync starts at once instead of after 5 s (the default waits for more replicas to share one transfer),
        // so a restarted server is back as a replica sooner.
        foreach (var argument in new[]
        {
            "--port", Text(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory, "--repl-diskless-sync-delay", "0",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (run scripts/install-test-deps.sh).");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((port, process, output));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>How many replicas <paramref name="port"/> (a primary) has that finished their sync (<c>state=online</c>).</summary>
    protected static async Task<int> ReplicasOnlineAsync(int port)
    {
        var replication = await CliAsync("-p", Text(port), "info", "replication");
        return replication.Split('\n').Count(line => line.StartsWith("slave", StringComparison.Ordinal) && line.Contains("state=online", StringComparison.Ordinal));
    }

    /// <summary>Runs redis-cli with <paramref name="arguments"/> and answers its output (throws when it fails).</summary>
    protected static async Task<string> CliAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-cli did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli {string.Join(' ', arguments)} failed: {await output}{await error}");
        }
        return await output;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, or fails naming <paramref name="what"/>.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await HoldsAsync(condition))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The Redis deployment never got to: {what}.\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    // A question the deployment cannot answer now (no node knows yet) is a "not yet".
    private static async Task<bool> HoldsAsync(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    protected static int FreePort() => FreePorts(1)[0];

    /// <summary><paramref name="count"/> different free loopback ports, none handed out before (<c>LoopbackPorts</c>).</summary>
    /// <param name="count">How many.</param>
    /// <param name="companionOffset">A port this far above each is reserved with it (a Cluster server's bus: + 10000).</param>
    protected static int[] FreePorts(int count, int companionOffset = 0) =>
        [.. Enumerable.Range(0, count).Select(_ => RazorFaces.TestSupport.LoopbackPorts.Next(companionOffset: companionOffset))];

    protected static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}

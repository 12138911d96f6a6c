using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>
/// A redis-server on a free loopback port, without persistence (<c>--save '' --appendonly no</c>). It can be
/// stopped and started again on the same port (its data written out on the way down by <c>SHUTDOWN SAVE</c> into
/// its own temporary directory, so "Redis was down" does not also mean "Redis forgot everything"), or frozen
/// with SIGSTOP and thawed with SIGCONT.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly string _directory;
    private readonly ProcessOutput _output = new();
    private Process? _process;

    private RedisProcess(int port, string directory)
    {
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    /// <summary>What the nodes' <c>--redis</c> takes.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public string Output => _output.ToString();

    public static async Task<RedisProcess> StartAsync()
    {
        var redis = new RedisProcess(Loopback.FreePort(), Directory.CreateTempSubdirectory("rf-redis-").FullName);
        await redis.StartAgainAsync();
        return redis;
    }

    /// <summary>Starts the server (again) on the same port, with whatever the last stop saved.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("redis-server is already running.");
        }
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--save", "", "--appendonly", "no", "--dir", _directory, "--dbfilename", "dump.rdb",
        })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        _output.Attach(_process, "redis");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if (await CommandAsync("PING") == "+PONG")
                {
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"redis-server did not answer PING within 20 s:\n{Output}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the server (its port refuses connections afterwards), keeping its data for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("redis-server is not running.");
        try
        {
            await CommandAsync("SHUTDOWN SAVE");
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            // SHUTDOWN closes the connection without an answer.
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Freezes the server: connections stay open but nothing is answered.</summary>
    public void Freeze() => Signals.Send(_process!, "STOP");

    /// <summary>Thaws a frozen server.</summary>
    public void Thaw() => Signals.Send(_process!, "CONT");

    /// <summary>Sends one inline command and returns the first line of the answer (e.g. <c>+PONG</c>, <c>:3</c>).</summary>
    public async Task<string> CommandAsync(string inline)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(inline + "\r\n"), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadLineAsync(timeout.Token) ?? throw new IOException("Redis closed the connection.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                // SIGKILL ends a frozen (SIGSTOPped) server too.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

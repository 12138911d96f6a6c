using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RazorFaces.Tests.Support;

/// <summary>A real redis-server on a free loopback port, without persistence, for the tests that need one.</summary>
public sealed class RedisServer : IAsyncLifetime, IAsyncDisposable
{
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>More redis-server arguments (e.g. <c>--requirepass</c>), for a server started with <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Starts a server with <paramref name="arguments"/> added (dispose it).</summary>
    public static async Task<RedisServer> StartAsync(params string[] arguments)
    {
        var server = new RedisServer { Arguments = arguments };
        await server.InitializeAsync();
        return server;
    }

    /// <summary>Serve TLS only, with these certificates, on <see cref="Port"/> (no plain-text port).</summary>
    public RedisTlsCertificates? Tls { get; init; }

    /// <summary>Starts a server that speaks only TLS with <paramref name="certificates"/> (dispose it).</summary>
    public static async Task<RedisServer> StartTlsAsync(RedisTlsCertificates certificates, params string[] arguments)
    {
        var server = new RedisServer { Tls = certificates, Arguments = arguments };
        await server.InitializeAsync();
        return server;
    }

    public string Configuration => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        Port = RazorFaces.TestSupport.LoopbackPorts.Next();
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Tls is not null)
        {
            // The last --port wins: no plain-text port, TLS on the free one.
            string[] tls = ["--port", "0", "--tls-port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. Tls.ServerArguments];
            foreach (var argument in tls)
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (run scripts/install-test-deps.sh).");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"redis-server did not listen on {Port} within 15 s.");
    }

    /// <summary>Sends the process a POSIX signal: <c>STOP</c> freezes it (its connections stay open), <c>KILL</c> ends it.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + name, _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}

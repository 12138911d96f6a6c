using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace RazorFaces.Tests.Support;

/// <summary>
/// Watches every command a redis-server runs (<c>MONITOR</c> on a raw connection of its own), so a test can count
/// the round trips a node sends for one request. Deterministic: Redis runs commands one at a time and reports them
/// in that order, so after a request has been answered, a marker command sent afterwards arrives after all of it.
/// </summary>
public sealed partial class RedisMonitor : IAsyncDisposable
{
    private readonly TcpClient _monitor = new();
    private readonly TcpClient _marker = new();
    private StreamReader? _lines;
    private int _markers;

    private RedisMonitor()
    {
    }

    /// <summary>Starts monitoring the server on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<RedisMonitor> StartAsync(int port)
    {
        var monitor = new RedisMonitor();
        await monitor._monitor.ConnectAsync(IPAddress.Loopback, port);
        await monitor._marker.ConnectAsync(IPAddress.Loopback, port);
        var stream = monitor._monitor.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("MONITOR\r\n"));
        monitor._lines = new StreamReader(stream, Encoding.UTF8);
        var ok = await monitor._lines.ReadLineAsync();
        if (ok != "+OK")
        {
            throw new InvalidOperationException($"MONITOR answered {ok}.");
        }
        return monitor;
    }

    /// <summary>
    /// The commands clients (not scripts) sent since the last call that mention <paramref name="text"/>, e.g. a
    /// session id: a script's own commands are not round trips, and other clients' traffic (heartbeats, the
    /// expiry sweep) does not name the session.
    /// </summary>
    public async Task<IReadOnlyList<string>> CommandsMentioningAsync(string text)
    {
        var marker = $"rf-monitor-marker-{++_markers}";
        await _marker.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"ECHO {marker}\r\n"));
        var commands = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await _lines!.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                return commands;
            }
            if (!ScriptClient().IsMatch(line) && line.Contains(text, StringComparison.Ordinal))
            {
                commands.Add(line);
            }
        }
        throw new InvalidOperationException("The MONITOR connection closed.");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _lines?.Dispose();
        _monitor.Dispose();
        _marker.Dispose();
        return ValueTask.CompletedTask;
    }

    // "1700000000.123456 [0 lua] "HSET" ..." is a command a script ran, inside the round trip that ran the script.
    [GeneratedRegex(@"^\+?\d+\.\d+ \[\d+ lua\]")]
    private static partial Regex ScriptClient();
}

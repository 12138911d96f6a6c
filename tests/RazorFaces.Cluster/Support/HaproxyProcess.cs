using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>
/// haproxy in front of the demo nodes, from a configuration generated into a temporary directory: round robin,
/// health checks on <c>/healthz</c> every 500 ms (down after 2 failures, up after 2 successes), retries with
/// redispatch so a request that cannot reach a dead node goes to another one, and — when asked — stickiness on
/// the application's own <c>rf-node</c> cookie (read only; haproxy never inserts it). A stats page (CSV) on a
/// second port tells tests which servers haproxy considers up.
/// </summary>
public sealed class HaproxyProcess : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Process _process;
    private readonly ProcessOutput _output = new();

    private HaproxyProcess(int port, int statsPort, string directory, Process process, string configuration)
    {
        Port = port;
        StatsPort = statsPort;
        _directory = directory;
        _process = process;
        Configuration = configuration;
    }

    public int Port { get; }

    public int StatsPort { get; }

    /// <summary>The address clients use.</summary>
    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>The generated haproxy.cfg.</summary>
    public string Configuration { get; }

    public string Output => _output.ToString();

    /// <param name="blockHub">Route <c>/_rf/hub</c> (negotiate and WebSocket) to a port nobody listens on.</param>
    public static async Task<HaproxyProcess> StartAsync(IEnumerable<DemoNode> nodes, bool sticky, bool blockHub = false)
    {
        var port = Loopback.FreePort();
        var statsPort = Loopback.FreePort();
        var configuration = Render(port, statsPort, nodes, sticky);
        if (blockHub)
        {
            configuration = BlockHub(configuration, Loopback.FreePort());
        }
        var directory = Directory.CreateTempSubdirectory("rf-haproxy-").FullName;
        var file = Path.Combine(directory, "haproxy.cfg");
        await File.WriteAllTextAsync(file, configuration);
        var start = new ProcessStartInfo("haproxy")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-db", "-f", file })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start haproxy.");
        var haproxy = new HaproxyProcess(port, statsPort, directory, process, configuration);
        haproxy._output.Attach(process, "haproxy");
        await Eventually.TrueAsync(
            async () => process.HasExited || (await Loopback.AcceptsAsync(port) && await Loopback.AcceptsAsync(statsPort)),
            TimeSpan.FromSeconds(20), () => "haproxy listening:\n" + haproxy.Output);
        if (process.HasExited)
        {
            throw new InvalidOperationException($"haproxy exited with {process.ExitCode}:\n{haproxy.Output}\n{configuration}");
        }
        return haproxy;
    }

    /// <summary>The configuration for these nodes (scripts/cluster.sh writes the same one).</summary>
    public static string Render(int port, int statsPort, IEnumerable<DemoNode> nodes, bool sticky)
    {
        var text = new StringBuilder($$"""
            global
                maxconn 4096

            defaults
                mode http
                option httplog
                timeout connect 1s
                timeout client 60s
                # Above the 25 s long-poll, so haproxy never cuts a waiting poll.
                timeout server 40s
                timeout queue 5s
                # A request that cannot connect to a (dead) node is retried, each retry on another node.
                retries 3
                option redispatch 1

            frontend web
                bind 127.0.0.1:{{port}}
                default_backend nodes

            listen stats
                bind 127.0.0.1:{{statsPort}}
                stats enable
                stats uri /stats

            backend nodes
                balance roundrobin
                option httpchk GET /healthz
                default-server inter 500ms fall 2 rise 2

            """);
        if (sticky)
        {
            // The app names its node in rf-node; haproxy only reads it (no insert, no rewrite).
            text.AppendLine("    cookie rf-node");
        }
        foreach (var node in nodes)
        {
            text.Append(CultureInfo.InvariantCulture, $"    server {node.Name} 127.0.0.1:{node.Port} check");
            text.AppendLine(sticky ? $" cookie {node.Name}" : string.Empty);
        }
        return text.ToString();
    }

    /// <summary>
    /// Sends the SignalR hub's path to <paramref name="closedPort"/>, where nothing listens: a proxy that lets plain
    /// HTTP through but not the hub (every hub request fails after haproxy's retries, with 503).
    /// </summary>
    private static string BlockHub(string configuration, int closedPort) =>
        configuration.Replace(
            "    default_backend nodes\n",
            "    use_backend closed if { path_beg /_rf/hub }\n    default_backend nodes\n",
            StringComparison.Ordinal)
        + $"\nbackend closed\n    server closed 127.0.0.1:{closedPort.ToString(CultureInfo.InvariantCulture)}\n";

    /// <summary>haproxy's view of a server: <c>UP</c>, <c>DOWN</c>, <c>UP 1/2</c>, … (from the CSV stats).</summary>
    public async Task<string> ServerStatusAsync(string server)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var csv = await http.GetStringAsync(new Uri($"http://127.0.0.1:{StatsPort}/stats;csv"));
        foreach (var line in csv.Split('\n'))
        {
            var columns = line.Split(',');
            if (columns.Length > 17 && columns[0] == "nodes" && columns[1] == server)
            {
                return columns[17];
            }
        }
        throw new InvalidOperationException($"haproxy has no server {server}:\n{csv}");
    }

    /// <summary>Waits until haproxy reports <paramref name="server"/> as exactly <paramref name="status"/> (UP or DOWN).</summary>
    public Task WaitForStatusAsync(string server, string status) =>
        Eventually.TrueAsync(async () => await ServerStatusAsync(server) == status, TimeSpan.FromSeconds(30), () => $"haproxy: {server} {status}");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

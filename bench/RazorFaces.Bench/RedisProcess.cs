using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace RazorFaces.Bench;

/// <summary>
/// A real redis-server on a free loopback port without persistence, and the benchmark's own connection to it
/// (for bare round trips and for reading <c>INFO commandstats</c>).
/// </summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    public const string ServerPath = "/usr/bin/redis-server";

    private readonly Process _process;

    private RedisProcess(Process process, int port, ConnectionMultiplexer connection)
    {
        _process = process;
        Port = port;
        Connection = connection;
    }

    public int Port { get; }

    /// <summary>What Demo.App's <c>--redis</c> and <c>AddRazorFacesRedis</c> take.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public ConnectionMultiplexer Connection { get; }

    public IDatabase Database => Connection.GetDatabase();

    public static async Task<RedisProcess> StartAsync(params string[] more)
    {
        if (!File.Exists(ServerPath))
        {
            throw new InvalidOperationException($"{ServerPath} is missing (run scripts/install-test-deps.sh).");
        }
        var port = LocalPorts.Free();
        var start = new ProcessStartInfo(ServerPath)
        {
            ArgumentList = { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // A replica writes the RDB it syncs into its directory: never the working directory.
        start.ArgumentList.Add("--dir");
        start.ArgumentList.Add(Directory.CreateTempSubdirectory("rf-bench-redis-").FullName);
        foreach (var argument in more)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var options = ConfigurationOptions.Parse($"127.0.0.1:{port}");
                options.AllowAdmin = true;
                options.AbortOnConnectFail = true;
                var connection = await ConnectionMultiplexer.ConnectAsync(options);
                return new RedisProcess(process, port, connection);
            }
            catch (RedisConnectionException) when (deadline.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Calls per command from <c>INFO commandstats</c> (commands run by Lua scripts included).</summary>
    public async Task<Dictionary<string, long>> CommandCallsAsync() =>
        (await CommandStatsAsync()).ToDictionary(c => c.Key, c => c.Value.Calls, StringComparer.Ordinal);

    /// <summary>Calls and microseconds spent inside Redis per command, from <c>INFO commandstats</c>.</summary>
    public async Task<Dictionary<string, (long Calls, long Microseconds)>> CommandStatsAsync()
    {
        var server = Connection.GetServer(Connection.GetEndPoints()[0]);
        var stats = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var group in await server.InfoAsync("commandstats"))
        {
            foreach (var (key, value) in group)
            {
                // cmdstat_evalsha: calls=12,usec=345,usec_per_call=28.75,...
                var name = key.StartsWith("cmdstat_", StringComparison.Ordinal) ? key["cmdstat_".Length..] : key;
                var parts = value.Split(',');
                long Part(string prefix) => long.Parse(parts.First(p => p.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..], CultureInfo.InvariantCulture);
                stats[name] = (Part("calls="), Part("usec="));
            }
        }
        return stats;
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.CloseAsync();
        Connection.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

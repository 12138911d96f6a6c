using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RazorFaces.Redis;

/// <summary>
/// The node's connection to Redis, shared by the session store, the session lock, the membership and the bus.
/// It opens lazily, and again after an attempt failed (a factory or <c>abortConnect=true</c> can fail), so a node
/// starts and stays up while Redis is away. Every call that fails for a reason outside the node — Redis unreachable
/// or slow, a failover in progress (<c>READONLY</c>, <c>LOADING</c>, <c>CLUSTERDOWN</c>, <c>MOVED</c> to a node that is
/// gone), memory full, authentication refused — becomes <see cref="SessionStoreUnavailableException"/>, which the
/// transports answer with 503: nothing is half-written, and the client retries.
/// </summary>
internal sealed partial class RedisConnection : IDisposable
{
    private readonly RazorFacesRedisOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<System.Net.EndPoint, PrimaryReplicaAcks> _replicaAcks = new();
    private Task<IConnectionMultiplexer>? _connecting;
    private bool _warnedNoRole;
    private int _interruptions;

    public RedisConnection(IOptions<RazorFacesRedisOptions> options, ILogger<RedisConnection> logger)
    {
        _options = options.Value;
        _logger = logger;
        Keys = new RedisKeys(_options.KeyPrefix);
    }

    /// <summary>Connects lazily to <paramref name="configuration"/> (e.g. <c>127.0.0.1:6379</c>); keys start with <paramref name="keyPrefix"/>.</summary>
    public RedisConnection(string configuration, string keyPrefix = "rf:")
        : this(Options.Create(new RazorFacesRedisOptions { Configuration = configuration, KeyPrefix = keyPrefix }), NullLogger<RedisConnection>.Instance)
    {
    }

    /// <summary>Where everything lives (<see cref="RedisKeys"/>).</summary>
    public RedisKeys Keys { get; }

    /// <summary>The prefix of every key and channel this framework uses.</summary>
    public string KeyPrefix => Keys.Prefix;

    /// <summary>Replicas a save waits for (0: none), and for how long.</summary>
    public int ReplicaAcks => _options.ReplicaAcks;

    /// <summary>
    /// How many times a connection to a Redis server failed since this node connected. Whatever this node holds on
    /// the word of a server from before a failure (a kept lease) may be gone after it: the server may have been
    /// replaced by a replica that never had it, or restarted empty.
    /// </summary>
    public int Interruptions => Volatile.Read(ref _interruptions);

    /// <summary>
    /// The connection itself, for the app's own Redis use (registered as <see cref="IConnectionMultiplexer"/>). The
    /// first use waits for the connection to open.
    /// </summary>
    internal IConnectionMultiplexer Multiplexer => ConnectAsync().GetAwaiter().GetResult();

    /// <summary>
    /// Whether the connection to the server of <paramref name="key"/> is up, as far as this node knows without asking
    /// (a server that stopped or closed the connection is known at once; one that hangs, only at a timeout).
    /// </summary>
    internal bool IsConnected(RedisKey key)
    {
        try
        {
            return _connecting is { IsCompletedSuccessfully: true } connecting && connecting.Result.GetDatabase().IsConnected(key);
        }
        catch (Exception e) when (IsUnavailable(e) || e is InvalidOperationException or ObjectDisposedException)
        {
            // While a primary changes hands the client may know no server for the key and throw (a failover test saw
            // a 500 from here): not known to be up.
            return false;
        }
    }

    /// <summary>The configuration a string gives, with this framework's defaults where the string names none.</summary>
    internal static ConfigurationOptions Parse(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        bool Names(string option) => configuration.Contains(option + "=", StringComparison.OrdinalIgnoreCase);
        // Keep trying in the background while Redis is down instead of failing the process at start.
        if (!Names("abortConnect"))
        {
            options.AbortOnConnectFail = false;
        }
        // A request waits for Redis at most this long before it answers 503 (the client retries).
        if (!Names("connectTimeout"))
        {
            options.ConnectTimeout = 2000;
        }
        if (!Names("syncTimeout"))
        {
            options.SyncTimeout = 2000;
        }
        if (!Names("asyncTimeout"))
        {
            options.AsyncTimeout = 2000;
        }
        if (!Names("keepAlive"))
        {
            options.KeepAlive = 5;
        }
        return options;
    }

    /// <summary>Runs a Redis call, turning every fault of Redis (not of ours) into <see cref="SessionStoreUnavailableException"/>.</summary>
    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> call)
    {
        try
        {
            var multiplexer = await ConnectAsync();
            // The client completes replies with asynchronous continuations: what awaits one runs on the thread pool,
            // never on the thread that reads the socket (RedisConnectionTests), so no hop of our own is needed.
            return await call(multiplexer.GetDatabase());
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new SessionStoreUnavailableException("Redis cannot serve the request: " + e.Message, e);
        }
    }

    /// <summary>Runs a call on the multiplexer itself (pub/sub, a server), with the same fault mapping.</summary>
    public async Task<T> RunOnMultiplexerAsync<T>(Func<IConnectionMultiplexer, Task<T>> call)
    {
        try
        {
            return await call(await ConnectAsync());
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new SessionStoreUnavailableException("Redis cannot serve the request: " + e.Message, e);
        }
    }

    /// <summary>
    /// Waits until the replicas of the primary that holds <paramref name="key"/> have every write this node sent it so
    /// far: at least <see cref="ReplicaAcks"/> of them and, by default, every one it has online
    /// (<see cref="PrimaryReplicaAcks"/>). <c>WAIT</c> goes on the same connection as the writes, shared by the saves
    /// that arrive together (<see cref="ReplicaWaits"/>). Store unavailable when fewer acknowledged in time.
    /// </summary>
    public async Task WaitForReplicasAsync(RedisKey key)
    {
        var minimum = _options.ReplicaAcks;
        if (minimum <= 0)
        {
            return;
        }
        var timeout = (long)Math.Max(1, _options.ReplicaAckTimeout.TotalMilliseconds);
        var ack = await RunOnMultiplexerAsync(multiplexer =>
        {
            var server = PrimaryOf(multiplexer, key);
            return _replicaAcks.GetOrAdd(server.EndPoint, _ => new PrimaryReplicaAcks(
                minimum,
                _options.WaitForEveryOnlineReplica,
                async replicas => (long)await server.ExecuteAsync("WAIT", replicas, timeout),
                () => OnlineReplicasAsync(server))).WaitAsync();
        });
        if (!ack.Enough)
        {
            throw new SessionStoreUnavailableException(
                $"The save reached {ack.Acknowledged} of {ack.Required} Redis replicas within {timeout} ms.");
        }
    }

    // The replicas the primary itself counts as online: ROLE lists those whose first sync has been sent (state online). A
    // user whose ACL forbids ROLE cannot count them: the saves then need the minimum alone, and the log says so once.
    private async Task<int> OnlineReplicasAsync(IServer server)
    {
        try
        {
            return await server.RoleAsync() is Role.Master primary ? primary.Replicas.Count : 0;
        }
        catch (RedisServerException e) when (e.Kind is RedisErrorKind.NoPermission)
        {
            if (!_warnedNoRole)
            {
                _warnedNoRole = true;
                LogCannotCountReplicas(_logger, e.Message);
            }
            return 0;
        }
    }

    // The primary that holds the key. During a failover the client may know none for a moment: the client throws an
    // InvalidOperationException then, which is Redis's state, not our bug, so it is retryable like a lost connection.
    private static IServer PrimaryOf(IConnectionMultiplexer multiplexer, RedisKey key)
    {
        try
        {
            return multiplexer.GetServer(key, flags: CommandFlags.DemandMaster);
        }
        catch (InvalidOperationException e)
        {
            throw new SessionStoreUnavailableException("No Redis primary is known for the session now (a failover is under way): " + e.Message, e);
        }
    }

    // Faults of Redis or of the way to it are retryable; a script error, a wrong type or CROSSSLOT is our bug and
    // stays one.
    internal static bool IsUnavailable(Exception e) => e switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        RedisServerException server => server.Kind is RedisErrorKind.ReadOnly or RedisErrorKind.Loading
            or RedisErrorKind.ClusterDown or RedisErrorKind.MasterDown or RedisErrorKind.TryAgain or RedisErrorKind.NoReplicas
            or RedisErrorKind.OutOfMemory or RedisErrorKind.Busy or RedisErrorKind.MaxClients or RedisErrorKind.Moved
            or RedisErrorKind.Ask or RedisErrorKind.UnknownRedirectTarget or RedisErrorKind.NoAuth or RedisErrorKind.WrongPass
            or RedisErrorKind.NoPermission or RedisErrorKind.NoScript or RedisErrorKind.Misconfigured
            or RedisErrorKind.ConnectionFault or RedisErrorKind.Timeout,
        // A command the client cannot route now (no primary for the slot during a failover).
        RedisCommandException command => command.Message.Contains("No connection", StringComparison.OrdinalIgnoreCase)
            || command.Message.Contains("replica", StringComparison.OrdinalIgnoreCase),
        // Anything else the client reports while a primary changes hands (a failover test saw a bare 500): the
        // request is refused as retryable, with the client's message in the one log line, never as a server error.
        RedisException => true,
        _ => false,
    };

    private Task<IConnectionMultiplexer> ConnectAsync()
    {
        var connecting = Volatile.Read(ref _connecting);
        if (connecting is { IsCompletedSuccessfully: true })
        {
            return connecting;
        }
        lock (_gate)
        {
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = OpenAsync();
            }
            return _connecting;
        }
    }

    private async Task<IConnectionMultiplexer> OpenAsync()
    {
        IConnectionMultiplexer multiplexer;
        try
        {
            if (_options.ConnectionMultiplexerFactory is { } factory)
            {
                multiplexer = await factory();
            }
            else
            {
                var configuration = _options.ConfigurationOptions?.Clone()
                    ?? Parse(_options.Configuration ?? throw new InvalidOperationException(
                        "RazorFaces' Redis needs Configuration, ConfigurationOptions or ConnectionMultiplexerFactory."));
                // The client reports its first attempt's failures only to this log (the events below are attached
                // after it returns; with abortConnect=false it returns unconnected and keeps trying). Synchronized, as
                // the client may write from several threads, and never closed under a late line.
                var connectLog = new StringWriter();
                multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration, TextWriter.Synchronized(connectLog));
                if (!multiplexer.IsConnected)
                {
                    LogNotConnectedYet(_logger, FirstAttemptFailures(connectLog.ToString()));
                }
            }
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            LogConnectFailed(_logger, e.Message);
            throw;
        }
        multiplexer.ConnectionFailed += (_, e) =>
        {
            Interlocked.Increment(ref _interruptions);
            LogConnectionFailed(_logger, e.EndPoint?.ToString(), e.FailureType, e.Exception?.Message);
        };
        multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(_logger, e.EndPoint?.ToString());
        return multiplexer;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // A connection the app's factory gave is the app's to close.
        if (_options.ConnectionMultiplexerFactory is null && _connecting is { IsCompletedSuccessfully: true } connected)
        {
            connected.Result.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot count a Redis primary's online replicas ({Reason}): saves wait for ReplicaAcks replicas only, and a failover may promote one that lacks the last of them")]
    private static partial void LogCannotCountReplicas(ILogger logger, string reason);

    // What the client's connect log says went wrong: its "Connection failed" lines without the client's state dump,
    // and the exception messages it quotes under them ("> ..."), each once; the whole log when it names no failure.
    internal static string FirstAttemptFailures(string connectLog)
    {
        var lines = connectLog.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(WithoutTimeStamp)
            .ToList();
        var failures = lines
            .Where(line => line.StartsWith("Connection failed", StringComparison.Ordinal) || line.StartsWith('>'))
            .Select(line => line.Split(" (0-read", 2)[0])
            .Distinct()
            .ToList();
        return string.Join(" | ", failures.Count > 0 ? failures : lines);
    }

    // The client's log lines start with the time ("06:31:17.2533: ").
    private static string WithoutTimeStamp(string line)
    {
        var end = line.IndexOf(": ", StringComparison.Ordinal);
        return end > 0 && line.AsSpan(0, end).IndexOfAnyExcept("0123456789:.") < 0 ? line[(end + 2)..] : line;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is not reachable yet (the node keeps trying; requests that need it answer 503 meanwhile): {Reason}")]
    private static partial void LogNotConnectedYet(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not connect to Redis (will try again on the next request): {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} failed ({FailureType}): {Reason}")]
    private static partial void LogConnectionFailed(ILogger logger, string? endPoint, ConnectionFailureType failureType, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored.")]
    private static partial void LogConnectionRestored(ILogger logger, string? endPoint);
}

using StackExchange.Redis;

namespace RazorFaces.Redis;

/// <summary>
/// The node's connection to Redis, shared by the session store, the session lock and the cluster membership.
/// Every call that cannot reach Redis fails with <see cref="SessionStoreUnavailableException"/>, which the
/// transports answer with 503: nothing is half-written, and the client retries.
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    /// <summary>Connects lazily to <paramref name="configuration"/> (e.g. <c>127.0.0.1:6379</c>); keys start with <paramref name="keyPrefix"/>.</summary>
    public RedisConnection(string configuration, string keyPrefix = "rf:")
    {
        KeyPrefix = keyPrefix;
        var options = ConfigurationOptions.Parse(configuration);
        // Keep trying in the background while Redis is down instead of failing the process at start.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 2000;
        options.ConnectRetry = 2;
        options.KeepAlive = 5;
        _multiplexer = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
    }

    /// <summary>The prefix of every key this framework writes.</summary>
    public string KeyPrefix { get; }

    /// <summary>The connection itself, for the app's own Redis use (registered as <see cref="IConnectionMultiplexer"/>).</summary>
    internal IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    internal ISubscriber Subscriber => _multiplexer.Value.GetSubscriber();

    internal string SessionKey(string sessionId) => KeyPrefix + "s:" + sessionId;

    internal string LockKey(string sessionId) => KeyPrefix + "l:" + sessionId;

    internal string NodesKey => KeyPrefix + "nodes";

    internal string DeadlinesKey => KeyPrefix + "deadlines";

    /// <summary>Runs a Redis call, turning "Redis cannot be reached" into <see cref="SessionStoreUnavailableException"/>.</summary>
    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> call)
    {
        try
        {
            // The client completes replies with asynchronous continuations: what awaits one runs on the thread pool,
            // never on the thread that reads the socket (RedisConnectionTests), so no hop of our own is needed.
            return await call(_multiplexer.Value.GetDatabase());
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException or TimeoutException)
        {
            throw new SessionStoreUnavailableException("Redis cannot be reached: " + e.Message, e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}

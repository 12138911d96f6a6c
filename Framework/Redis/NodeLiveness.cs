using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RazorFaces.Redis;

/// <summary>
/// This node's liveness key (<c>{prefix}live:{instance}</c>): written with a short time to live every fifth of it,
/// so it disappears within one time to live of the process dying or freezing. The session leases this node takes
/// carry its instance; a node waiting for a lease whose holder's key is gone takes the lease over at once instead of
/// waiting for the lease's own, longer, time to live (docs/cluster.md, "Dead lease holders"). One write per node per
/// period, whatever the number of leases.
/// </summary>
/// <remarks>
/// A dead node's key lapses between (time to live − period) and (time to live) after its last write, and a live node
/// whose writes stall for longer than (time to live − period) is taken for dead: writing often buys a shorter time to
/// live for the same tolerance (250 ms and 50 ms: detected within 250 ms, 200 ms of stall tolerated), for a tiny write
/// twenty times a second per node.
/// The writer is a thread of its own, not a timer on the thread pool: a node whose pool is starved by a burst of
/// requests is alive, and a stalled timer would let its leases be taken (safely — the saves are fenced — but each
/// such takeover costs a user a refused request). The instance is the node's name plus a random suffix, so a node
/// restarted under the same name never vouches for the leases its previous process left behind.
/// </remarks>
internal sealed partial class NodeLiveness : IHostedService, IDisposable
{
    /// <summary>How long a silent node's key lives: the most a dead holder delays the sessions it held.</summary>
    internal static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromMilliseconds(250);

    private const char Separator = '|';

    private readonly RedisConnection _connection;
    private readonly TimeSpan _timeToLive;
    private readonly long _milliseconds;
    private readonly ILogger _logger;
    private readonly ManualResetEventSlim _stopping = new();
    private Thread? _writer;
    private volatile bool _written;
    private bool _failing;
    // When the last write that Redis answered was sent, and how many times the key may have lapsed between two writes.
    private long _lastWriteSent;
    private int _lapses;

    public NodeLiveness(RedisConnection connection, IOptions<ClusterOptions> options, ILogger<NodeLiveness> logger)
        : this(connection, options.Value.NodeName, DefaultTimeToLive, logger)
    {
    }

    internal NodeLiveness(RedisConnection connection, string nodeName, TimeSpan timeToLive, ILogger? logger = null)
    {
        _connection = connection;
        _timeToLive = timeToLive;
        _milliseconds = (long)Math.Max(1, timeToLive.TotalMilliseconds);
        _logger = logger ?? NullLogger.Instance;
        Instance = $"{nodeName.Replace(Separator, '_')}#{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}";
        Key = KeyOf(connection.Keys, Instance);
    }

    /// <summary>This process's instance: the node's name and a random suffix.</summary>
    public string Instance { get; }

    /// <summary>This process's liveness key.</summary>
    public RedisKey Key { get; }

    /// <summary>The liveness key of <paramref name="instance"/> (one key, on whatever slot it hashes to).</summary>
    internal static string KeyOf(RedisKeys keys, string instance) => keys.Prefix + "live:" + instance;

    /// <summary>
    /// What a lease taken with <paramref name="token"/> stores: the token alone until this node's key has been
    /// written once (nobody may judge this node dead by a key it never wrote), then the instance and the token.
    /// </summary>
    public string Stamp(string token) => _written ? Instance + Separator + token : token;

    /// <summary>How many times this node's key may have lapsed since start: a write was sent a time to live or more after the one before.</summary>
    public int Lapses => Volatile.Read(ref _lapses);

    /// <summary>
    /// Whether this node's key has lived without a gap since <paramref name="lapses"/> was read from <see cref="Lapses"/>,
    /// and lives now (the last write Redis answered was sent less than a time to live ago): no other node can have
    /// taken this node's leases for dead meanwhile.
    /// </summary>
    public bool VouchesSince(int lapses) =>
        _written && Lapses == lapses && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastWriteSent)) < _timeToLive;

    /// <summary>The instance a lease's <paramref name="holder"/> names, or null when it names none (see <see cref="Stamp"/>).</summary>
    public static string? InstanceOf(string holder)
    {
        var end = holder.LastIndexOf(Separator);
        return end <= 0 ? null : holder[..end];
    }

    /// <summary>Whether <paramref name="holder"/> is a lease this process took.</summary>
    public bool IsMine(string holder) => InstanceOf(holder) == Instance;

    /// <summary>
    /// Whether the node that stored <paramref name="holder"/> in a lease is gone: its liveness key has expired. A
    /// holder that names no instance (taken before its node's first write, or by an older build), this node's own
    /// leases, and a Redis that cannot answer the question all count as alive: the lease's own time to live decides.
    /// </summary>
    public async Task<bool> IsGoneAsync(string holder)
    {
        if (InstanceOf(holder) is not { } instance || instance == Instance)
        {
            return false;
        }
        try
        {
            var key = KeyOf(_connection.Keys, instance);
            return !await _connection.RunAsync(db => db.KeyExistsAsync(key));
        }
        catch (SessionStoreUnavailableException)
        {
            return false;
        }
    }

    /// <summary>Starts writing the key (the first write is sent at once).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            _writer = new Thread(WriteUntilStopped) { IsBackground = true, Name = "RazorFaces node liveness" };
            _writer.Start();
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Does not stop the writes: a stopping node still drains its requests, which hold leases; the writes end when
    /// the container disposes this, after the server has stopped.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops writing; the key expires within one time to live.</summary>
    public void Dispose()
    {
        _stopping.Set();
        _writer?.Join(_timeToLive);
    }

    /// <summary>Writes the key once and waits for Redis's answer (tests, and the writer's first write).</summary>
    internal bool Write()
    {
        try
        {
            // SET … PX rather than the client's StringSet, which sends PSETEX: the least ACL a node needs
            // (docs/cluster.md) allows SET, and a RedisKey argument routes the command to the key's shard.
            var sent = Stopwatch.GetTimestamp();
            _connection.Multiplexer.GetDatabase().Execute("SET", Key, 1, "PX", _milliseconds);
            if (_written && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastWriteSent), sent) >= _timeToLive)
            {
                Interlocked.Increment(ref _lapses);
            }
            Volatile.Write(ref _lastWriteSent, sent);
            _written = true;
            if (_failing)
            {
                _failing = false;
                LogWriteRestored(_logger);
            }
            return true;
        }
        catch (ObjectDisposedException)
        {
            // The connection was closed under the writer (the host is going down, or the app closed a connection it
            // gave us): nothing more to write.
            _stopping.Set();
            return false;
        }
        catch (Exception e)
        {
            // Whatever happened, the thread must go on: an exception escaping it would end the whole process.
            if (!_failing)
            {
                _failing = true;
                LogWriteFailed(_logger, e.Message);
            }
            return false;
        }
    }

    private void WriteUntilStopped()
    {
        var period = _timeToLive / 5;
        do
        {
            // Blocking waits are fine on this thread, and let a slow answer delay the next write rather than pile
            // writes up; a write slower than four periods lets the key lapse, which only means "treat me as dead".
            Write();
        }
        while (!_stopping.Wait(period));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "This node's liveness key cannot be written (other nodes may take over its session leases; the saves stay fenced): {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "This node's liveness key is written again.")]
    private static partial void LogWriteRestored(ILogger logger);
}

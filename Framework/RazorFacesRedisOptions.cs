using StackExchange.Redis;

namespace RazorFaces;

/// <summary>
/// How a node reaches Redis in cluster mode (<c>AddRazorFacesRedis</c>). Give one of <see cref="Configuration"/>,
/// <see cref="ConfigurationOptions"/> or <see cref="ConnectionMultiplexerFactory"/> (the first one set, in the order
/// factory, options, string, is used), as with Microsoft's own Redis integrations.
/// </summary>
public sealed class RazorFacesRedisOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string: one or more endpoints, and options such as <c>password=</c>,
    /// <c>user=</c> (ACL), <c>ssl=true</c>, <c>defaultDatabase=</c> or <c>serviceName=</c> (the endpoints are then
    /// Sentinels). Unless the string says otherwise, the node starts while Redis is down (<c>abortConnect=false</c>)
    /// and a call waits at most 2 s (<c>connectTimeout</c>, <c>syncTimeout</c>, <c>asyncTimeout</c>).
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// A full StackExchange.Redis configuration, for what a string cannot carry (certificate callbacks, a logger,
    /// a custom socket manager). It is used as given (a copy of it).
    /// </summary>
    public ConfigurationOptions? ConfigurationOptions { get; set; }

    /// <summary>
    /// Gives the connection to use instead of opening one (for example one the app already has). RazorFaces does not
    /// dispose a connection it was given.
    /// </summary>
    public Func<Task<IConnectionMultiplexer>>? ConnectionMultiplexerFactory { get; set; }

    /// <summary>
    /// The start of every key and channel RazorFaces uses, so several apps can share one Redis. Default <c>rf:</c>.
    /// It must not contain <c>{</c> or <c>}</c>: RazorFaces puts its own hash tags in the keys (docs/cluster.md).
    /// </summary>
    public string KeyPrefix { get; set; } = "rf:";

    /// <summary>
    /// Acknowledged means durable: after a save, wait until at least this many replicas have it (Redis <c>WAIT</c>)
    /// before the answer is sent. 0 (the default) does not wait.
    /// </summary>
    public int ReplicaAcks { get; set; }

    /// <summary>
    /// How long a save waits for <see cref="ReplicaAcks"/> replicas. When fewer acknowledged in time, the request
    /// answers <c>503 store-unavailable</c> (the write stays: the client's retry is applied once). Default 1 s.
    /// </summary>
    public TimeSpan ReplicaAckTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// With <see cref="ReplicaAcks"/> above 0, a save also waits for every replica its primary has online, not only
    /// for <see cref="ReplicaAcks"/> of them. Redis promotes the replica it believes most up to date only on a
    /// best-effort basis: with more replicas than <see cref="ReplicaAcks"/>, a failover may promote one that had not
    /// acknowledged the last saves, and they are lost. Waiting for every online replica keeps them whichever is
    /// promoted, and a primary left with fewer replicas (one died, or it was just promoted) goes on with those it has,
    /// down to <see cref="ReplicaAcks"/>. Default true; false waits for exactly <see cref="ReplicaAcks"/> (no slower
    /// than the fastest replicas; docs/cluster.md, "How many replicas").
    /// </summary>
    public bool WaitForEveryOnlineReplica { get; set; } = true;

    /// <summary>
    /// Keeps ASP.NET Core's data-protection key ring (which protects sign-in cookies, antiforgery tokens, TempData) in
    /// Redis under <c>{KeyPrefix}dataprotection-keys</c>, so what one node protected every other node can read: a
    /// user stays signed in when another node takes over. Default true; ignored when the app gives the key ring a
    /// repository of its own (<c>AddDataProtection().PersistKeysTo…</c>). The nodes must share the data-protection
    /// application name, which by default is the app's content root path (docs/cluster.md).
    /// </summary>
    public bool ShareDataProtectionKeys { get; set; } = true;
}

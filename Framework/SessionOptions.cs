namespace RazorFaces;

/// <summary>Sessions: their life, their lock, how changes are found (<see cref="RazorFacesOptions.Sessions"/>).</summary>
public sealed class SessionOptions
{
    /// <summary>A session not used for this long ends (its max inactive interval). Default 30 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Sessions this node holds at most. A page request that would start one more is answered
    /// <c>503 Service Unavailable</c> with <c>Retry-After</c> until some end; users who have a session carry on.
    /// Default 100,000. Against a flood from one place, add ASP.NET Core rate limiting (docs/security.md).
    /// </summary>
    public int MaxPerNode { get; set; } = 100_000;

    /// <summary>How the framework finds changed beans. Default <see cref="RazorFaces.ChangeDetection.Automatic"/>.</summary>
    public ChangeDetection ChangeDetection { get; set; } = ChangeDetection.Automatic;

    /// <summary>
    /// How the session object is encoded in the store. Default <see cref="SessionFormat.MessagePack"/>. Sessions stored
    /// in the other format still read (see <see cref="SessionFormat"/>): for a cluster whose running build writes
    /// JSON, roll out this build with <see cref="SessionFormat.Json"/> first, then switch, so old nodes never meet a
    /// MessagePack session.
    /// </summary>
    public SessionFormat Format { get; set; } = SessionFormat.MessagePack;

    /// <summary>
    /// How stale the stored last-access time of a session may be: a request that changes nothing else writes it
    /// only when it is older than this (like JBoss's max-unreplicated-interval). The session then expires at
    /// most this much early. Default 10 s.
    /// </summary>
    public TimeSpan MaxUnreplicatedInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a request waits for another node to release a session before it answers "busy, retry". Keep it
    /// longer than <see cref="LockTimeToLive"/>, so a request behind a node that died holding the lease gets the
    /// session when that lease expires instead of answering busy. Default 2 s.
    /// </summary>
    public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a session's lease (in Redis) lives if its owner dies holding it: the longest a crashed node blocks a
    /// session (other nodes usually take the lease over sooner, once the dead node's liveness key has lapsed). A live
    /// owner renews it every third of this while a request runs, so a slow request keeps it. Default 750 ms.
    /// </summary>
    public TimeSpan LockTimeToLive { get; set; } = TimeSpan.FromMilliseconds(750);

    /// <summary>
    /// How long a node keeps a session's lease after a request ends (a store shared by several nodes, such as Redis):
    /// the session's next request on the same node then waits for the store once (its save) instead of twice. Another
    /// node that needs the session asks for it over the cluster bus and has it within milliseconds; a node that dies
    /// loses its kept leases with its liveness key. It is also the longest another node waits for a session whose
    /// holder is alive but cannot hear that ask. Zero releases every lease when its request ends. Default 5 s.
    /// </summary>
    public TimeSpan LeaseKeepTime { get; set; } = TimeSpan.FromSeconds(5);
}

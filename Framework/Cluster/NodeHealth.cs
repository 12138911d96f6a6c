namespace RazorFaces.Cluster;

/// <summary>
/// Whether this node's last write to the shared store worked, as its background heartbeat found it. A node that can
/// read but not write (a Redis primary turned replica, memory full, a cluster shard without a primary) must leave the
/// load balancer's rotation, which a read-only health probe would never notice. On one node without a shared store
/// nothing reports, and it stays healthy.
/// </summary>
internal sealed class NodeHealth
{
    private volatile string? _writeFailure;

    /// <summary>Why the last write failed; null while writes work (or nothing reports).</summary>
    public string? WriteFailure => _writeFailure;

    /// <summary>The last write worked.</summary>
    public void WriteSucceeded() => _writeFailure = null;

    /// <summary>The last write failed, for <paramref name="reason"/>.</summary>
    public void WriteFailed(string reason) => _writeFailure = reason;
}

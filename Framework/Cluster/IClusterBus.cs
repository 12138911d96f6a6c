namespace RazorFaces.Cluster;

/// <summary>
/// Carries short messages to every node of the cluster, this one included (server push crosses nodes this way).
/// Delivery is at most once and only to nodes running at the time: a node that is down misses it, which is
/// fine for pushes — its views are rebuilt from the store with the latest data when they are next used.
/// </summary>
internal interface IClusterBus
{
    /// <summary>Sends <paramref name="message"/> to every subscriber of <paramref name="channel"/> on every node.</summary>
    Task PublishAsync(string channel, string message);

    /// <summary>Calls <paramref name="handler"/> for every message published to <paramref name="channel"/>.</summary>
    Task SubscribeAsync(string channel, Func<string, Task> handler);
}

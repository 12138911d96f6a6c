using System.Net;
using System.Net.Sockets;

namespace RazorFaces.TestSupport;

/// <summary>
/// Free loopback ports for the servers tests start (Demo.App nodes, redis-server, haproxy). A port is picked by
/// listening on port 0 and letting go, and only bound later by another process; the kernel may give a port just let go
/// to the next caller. So no port is handed out twice by one test process: two Demo.App nodes of one cluster were once
/// given the same port, the second could not listen, and the first answered for both (a page "on node B" was served by
/// node A).
/// </summary>
internal static class LoopbackPorts
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A port nobody listens on right now, at most <paramref name="highest"/>, never handed out before. With
    /// <paramref name="companionOffset"/>, the port that far above it is free and never handed out too, and is reserved
    /// with it: a Redis Cluster server also listens on its port + 10000, and once a server of one cluster was given the
    /// port another one's bus took (redis-cli then found a server that was not a cluster node).
    /// </summary>
    public static int Next(int highest = IPEndPoint.MaxPort, int companionOffset = 0)
    {
        while (true)
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            var companion = port + companionOffset;
            if (port > highest || (companionOffset != 0 && (companion > IPEndPoint.MaxPort || !IsFree(companion))))
            {
                continue;
            }
            lock (HandedOut)
            {
                if (HandedOut.Contains(port) || HandedOut.Contains(companion))
                {
                    continue;
                }
                HandedOut.Add(port);
                HandedOut.Add(companion);
                return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace RazorFaces.Bench;

/// <summary>Free TCP ports on 127.0.0.1 for the processes the benchmark starts.</summary>
internal static class LocalPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

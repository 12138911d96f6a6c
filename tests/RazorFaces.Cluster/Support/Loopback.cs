using System.Net;
using System.Net.Sockets;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>Free ports and readiness checks on 127.0.0.1 (the only address these tests use).</summary>
internal static class Loopback
{
    /// <summary>A port nobody listens on right now, never handed out before by this process.</summary>
    public static int FreePort() => RazorFaces.TestSupport.LoopbackPorts.Next();

    /// <summary>Whether something accepts connections on <paramref name="port"/>.</summary>
    public static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}

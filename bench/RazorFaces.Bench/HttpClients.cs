namespace RazorFaces.Bench;

/// <summary>HTTP clients as plain as a browser's connection: no proxy, no cookies in the handler (see <see cref="SimulatedBrowser"/>).</summary>
internal static class HttpClients
{
    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = 1,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}

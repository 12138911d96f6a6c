using RazorFaces.Testing.Client;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>Protocol clients (the shared <see cref="BrowserSession"/>) with the patience a cluster whose nodes die and restart needs.</summary>
internal static class Browsers
{
    /// <summary>Retries for a minute, as long as a killed node takes to come back twice over.</summary>
    public static readonly ClientOptions Options = new() { RetryFor = TimeSpan.FromSeconds(60), RequestTimeout = TimeSpan.FromSeconds(45) };

    /// <summary>A new browser (its own session) against <paramref name="address"/>.</summary>
    public static BrowserSession At(Uri address) => new(address, Options);
}

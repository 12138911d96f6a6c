using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport;

/// <summary>A demo server with a small message limit, so oversized messages are cheap to make.</summary>
public sealed class TransportServerFixture : IAsyncLifetime
{
    /// <summary>The message limit of this server, in bytes.</summary>
    public const int MaxMessageBytes = 1024;

    private RazorFacesTestServer? _server;

    /// <summary>The running server.</summary>
    public RazorFacesTestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _server = await RazorFacesTestServer.StartDemoAsync(o =>
        {
            o.Transport.MaxMessageBytes = MaxMessageBytes;
            // Fuzzed polls may ask for a number the view has already reached; they must not hold the run up.
            o.Transport.PollTimeout = TimeSpan.FromMilliseconds(100);
        });

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

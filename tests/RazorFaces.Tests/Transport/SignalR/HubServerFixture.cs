using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport.SignalR;

/// <summary>A demo server for the hub tests, shared by a test class.</summary>
public sealed class HubServerFixture : IAsyncLifetime
{
    private RazorFacesTestServer? _server;

    /// <summary>The running server.</summary>
    public RazorFacesTestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await RazorFacesTestServer.StartDemoAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

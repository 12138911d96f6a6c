namespace RazorFaces.Tests.Support;

/// <summary>One demo app server with default options, shared by the tests of a class.</summary>
public sealed class DemoServerFixture : IAsyncLifetime
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

using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Tests.Support.TestPages;

namespace RazorFaces.Tests.Support;

/// <summary>A server of the test-only pages (<see cref="TestApp"/>) with a <see cref="PushSignal"/>, shared by a test class.</summary>
public sealed class TestPagesServerFixture : IAsyncLifetime
{
    private RazorFacesTestServer? _server;

    /// <summary>The running server.</summary>
    public RazorFacesTestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The signal the push page listens to.</summary>
    public PushSignal Signal { get; } = new();

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _server = await RazorFacesTestServer.StartAsync<TestApp>(services: s => s.AddSingleton(Signal));

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

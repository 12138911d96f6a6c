using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Support.TestPages;

namespace RazorFaces.Tests.Integration;

/// <summary>A server of the test pages with the interop page's probe; JS calls time out after a short while.</summary>
public sealed class InteropServerFixture : IAsyncLifetime
{
    private RazorFacesTestServer? _server;

    public RazorFacesTestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public InteropProbe Probe { get; } = new();

    public async Task InitializeAsync() =>
        _server = await RazorFacesTestServer.StartAsync<TestApp>(
            o => o.Views.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(3),
            s => s.AddSingleton(Probe));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Support.TestPages;

namespace RazorFaces.Tests.Integration;

/// <summary>Blazor's template App.razor (a Router with FocusOnNavigate) runs unchanged.</summary>
public sealed class StandardAppInteropTests : IAsyncLifetime
{
    private RazorFacesTestServer? _server;

    public static TheoryData<TransportKind> Transports => [TransportKind.LongPoll, TransportKind.SignalR];

    public async Task InitializeAsync() =>
        _server = await RazorFacesTestServer.StartAsync<StandardApp>(services: s => s.AddSingleton(new PushSignal()));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task FocusOnNavigateAnswersTheFirstGetAndFocusesItsSelectorOnceTheBrowserConnects(TransportKind transport)
    {
        using var browser = _server!.NewBrowser();
        await using var view = await browser.OpenAsync("it/push", transport);
        if (transport == TransportKind.SignalR)
        {
            await view.WatchAsync();
        }

        var focus = await view.JSCallAsync("Blazor._internal.domWrapper.focusBySelector");

        Assert.Equal("h1", focus.Arguments[0].GetString());
        Assert.True(view.Has("#layout-nav"));
        Assert.True((await view.AnswerJSAsync(focus)).IsSuccess);
        Assert.DoesNotContain(_server.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }
}

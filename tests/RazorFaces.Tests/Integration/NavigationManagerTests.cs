using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Protocol;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Support.TestPages;

namespace RazorFaces.Tests.Integration;

/// <summary>NavigateTo with replace, LocationChanged and NavLink's active class, over both transports.</summary>
public sealed class NavigationManagerTests : IAsyncLifetime
{
    private RazorFacesTestServer? _server;

    public static TheoryData<TransportKind> Transports => [TransportKind.LongPoll, TransportKind.SignalR];

    public async Task InitializeAsync() =>
        _server = await RazorFacesTestServer.StartAsync<TestApp>(services: s => s.AddSingleton(new PushSignal()));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task NavigateToWithReplaceTellsTheBrowserToReplaceItsHistoryEntry(TransportKind transport)
    {
        using var browser = _server!.NewBrowser();
        await using var view = await browser.OpenAsync("it/nav", transport);

        var answer = await view.ClickAsync("#replace");

        var update = Assert.Single(answer.Messages, m => m.Type == MessageTypes.Update);
        Assert.EndsWith("/it/nav/a", update.Url);
        Assert.Contains("\"replace\":true", update.Json, StringComparison.Ordinal);
        Assert.Equal("a", view.Text("#section"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task NavigateToWithoutReplaceAddsAHistoryEntry(TransportKind transport)
    {
        using var browser = _server!.NewBrowser();
        await using var view = await browser.OpenAsync("it/nav", transport);

        var answer = await view.ClickAsync("#push");

        var update = Assert.Single(answer.Messages, m => m.Type == MessageTypes.Update);
        Assert.EndsWith("/it/nav/a", update.Url);
        Assert.DoesNotContain("\"replace\"", update.Json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task LocationChangedFiresAndNavLinkMovesItsActiveClass(TransportKind transport)
    {
        using var browser = _server!.NewBrowser();
        await using var view = await browser.OpenAsync("it/nav", transport);
        Assert.Contains("active", view.Find("#link-home").ClassList);
        Assert.DoesNotContain("active", view.Find("#link-a").ClassList);

        await view.NavigateAsync("/it/nav/a");

        Assert.Equal("1", view.Text("#changes"));
        Assert.Contains("active", view.Find("#link-a").ClassList);
        Assert.DoesNotContain("active", view.Find("#link-home").ClassList);
    }
}

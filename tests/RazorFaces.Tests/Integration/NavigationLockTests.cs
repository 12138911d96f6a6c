using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Protocol;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Support.TestPages;

namespace RazorFaces.Tests.Integration;

/// <summary>NavigationLock: OnBeforeInternalNavigation can stop in-app navigations; ConfirmExternalNavigation asks the browser.</summary>
public sealed class NavigationLockTests : IAsyncLifetime
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
    public async Task ALinkOrBackForwardThatTheLockPreventsLeavesTheViewAndPutsItsAddressBack(TransportKind transport)
    {
        using var browser = _server!.NewBrowser();
        await using var view = await browser.OpenAsync("it/lock", transport);

        var answer = await view.NavigateAsync("/it/push");

        Assert.Equal("1", view.Text("#prevented"));
        var update = Assert.Single(answer.Messages, m => m.Type == MessageTypes.Update);
        Assert.EndsWith("/it/lock", update.Url);
        Assert.Contains("\"replace\":true", update.Json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task NavigateToThatTheLockPreventsDoesNotNavigateAndOnceUnlockedItDoes(TransportKind transport)
    {
        using var browser = _server!.NewBrowser();
        await using var view = await browser.OpenAsync("it/lock", transport);

        await view.ClickAsync("#go");
        Assert.Equal("1", view.Text("#prevented"));
        Assert.True(view.Has("#locked"));

        await view.ClickAsync("#unlock");
        var answer = await view.ClickAsync("#go");

        Assert.EndsWith("/it/push", Assert.Single(answer.Messages, m => m.Type == MessageTypes.Update).Url);
        Assert.True(view.Has("#pushed"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ConfirmExternalNavigationAsksTheBrowserToPromptBeforeThePageIsLeft(TransportKind transport)
    {
        using var browser = _server!.NewBrowser();
        await using var view = await browser.OpenAsync("it/lock", transport);
        if (transport == TransportKind.SignalR)
        {
            await view.WatchAsync();
        }

        var enable = await view.JSCallAsync("Blazor._internal.NavigationLock.enableNavigationPrompt");

        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.None, _server.Logs.Entries.Select(e => e.Level).Where(l => l >= Microsoft.Extensions.Logging.LogLevel.Error).DefaultIfEmpty(Microsoft.Extensions.Logging.LogLevel.None).Max());
        Assert.Equal(System.Text.Json.JsonValueKind.String, enable.Arguments[0].ValueKind);
    }
}

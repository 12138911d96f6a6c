using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Protocol;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Support.TestPages;

namespace RazorFaces.Tests.Integration;

/// <summary>&lt;PageTitle&gt; and &lt;HeadContent&gt;: the head in the first GET, patched on updates and navigation, over both transports.</summary>
public sealed class HeadTests : IAsyncLifetime
{
    private RazorFacesTestServer? _server;

    public static TheoryData<TransportKind> Transports => [TransportKind.LongPoll, TransportKind.SignalR];

    public async Task InitializeAsync() =>
        _server = await RazorFacesTestServer.StartAsync<TestApp>(o => o.Title = "The app", s => s.AddSingleton(new PushSignal()));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheFirstGetHasThePagesTitleAndHeadContentInItsHead()
    {
        using var browser = _server!.NewBrowser();
        await using var view = await browser.OpenAsync("it/head");

        Assert.Equal("Head one", view.Document.Title);
        Assert.Equal("About one", view.Document.Head!.QuerySelector("meta[name=description]")?.GetAttribute("content"));
        Assert.Single(view.Document.Head!.QuerySelectorAll("title"));
    }

    [Fact]
    public async Task APageWithoutPageTitleHasTheAppsTitle()
    {
        using var browser = _server!.NewBrowser();
        await using var view = await browser.OpenAsync("it/push");

        Assert.Equal("The app", view.Document.Title);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ARenderThatChangesTheTitleSendsTheNewHeadWithItsUpdate(TransportKind transport)
    {
        using var browser = _server!.NewBrowser();
        await using var view = await browser.OpenAsync("it/head", transport);

        var answer = await view.ClickAsync("#rename");

        var update = Assert.Single(answer.Messages, m => m.Type == MessageTypes.Update);
        Assert.Equal("<title>Head renamed</title><meta name=\"description\" content=\"About renamed\">", update.Head);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task NavigatingToAnotherPageSendsItsHeadAndAnUnchangedHeadIsNotSentAgain(TransportKind transport)
    {
        using var browser = _server!.NewBrowser();
        await using var view = await browser.OpenAsync("it/head", transport);

        var other = await view.NavigateAsync("/it/head/other");
        var plain = await view.NavigateAsync("/it/push");
        var again = await view.NavigateAsync("/it/push?x=1");

        Assert.Contains("<title>Head other</title>", Assert.Single(other.Messages, m => m.Type == MessageTypes.Update).Head);
        Assert.Equal("<title>The app</title>", Assert.Single(plain.Messages, m => m.Type == MessageTypes.Update).Head);
        Assert.All(again.Messages, m => Assert.Null(m.Head));
    }
}

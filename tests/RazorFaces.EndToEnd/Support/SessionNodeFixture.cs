using System.Net.Http.Json;
using Microsoft.Playwright;

namespace RazorFaces.EndToEnd.Support;

/// <summary>
/// Chromium and a demo node started with <c>--test-hooks true</c>, for the session tests: they drop every live
/// view of the node and restart it, so they get a node (and a collection) of their own.
/// </summary>
public sealed class SessionNodeFixture : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The node; a restart replaces it with a new process on the same address.</summary>
    public DemoNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Long-poll here (SignalR is the default elsewhere), so both transports meet these scenarios.
        Node = await DemoNode.StartAsync("e2e-session", "--test-hooks", "true", "--transport", "longpoll");
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Node.DisposeAsync();
        _http.Dispose();
    }

    /// <summary>A new browser context: its own cookies, so its own session.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Node.Address.ToString() });

    /// <summary>Drops every live view of the node (their records stay in the session objects); returns how many.</summary>
    public async Task<int> PassivateAllAsync()
    {
        using var response = await _http.PostAsync(new Uri(Node.Address, "_rf/test/passivate"), content: null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<PassivateAnswer>();
        return body!.Passivated;
    }

    /// <summary>Kills the node and starts a new one on the same port: every in-memory session is gone.</summary>
    public async Task RestartNodeAsync() => Node = await Node.RestartAsync();

    private sealed record PassivateAnswer(int Passivated);
}

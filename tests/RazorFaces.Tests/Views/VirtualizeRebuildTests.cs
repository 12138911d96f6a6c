using System.Text.Json;
using RazorFaces.Testing.Client;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Support.TestPages;

namespace RazorFaces.Tests.Views;

/// <summary>
/// A virtualized list survives passivation (and failover) the way the browser client carries it: Virtualize keeps its
/// window in private fields that no record saves, so the rebuilt component asks the browser again (init after its
/// first render) and the browser, scrolled where it was, reports the same offsets and gets the same rows.
/// </summary>
public sealed class VirtualizeRebuildTests
{
    public static TheoryData<TransportKind> Transports => [TransportKind.LongPoll, TransportKind.SignalR];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ARebuiltViewAsksTheBrowserAgainAndShowsTheSameWindowForTheSameScrollPosition(TransportKind transport)
    {
        await using var server = await RazorFacesTestServer.StartAsync<TestApp>();
        using var browser = server.NewBrowser();
        await using var view = await browser.OpenAsync("it/virtualize", transport);
        if (transport == TransportKind.SignalR)
        {
            await view.WatchAsync();
        }
        var helper = await StartAsync(view);
        await view.InvokeDotNetAsync(null, "OnSpacerBeforeVisible", Args(2000, Separation(view), 200), objectId: helper);
        var window = Rows(view);
        Assert.Equal("Row 97", window[0]);

        await server.Registry().RemoveAsync(view.ViewId);
        await view.ClickAsync("#touch");
        var rebuilt = await StartAsync(view);
        await view.InvokeDotNetAsync(null, "OnSpacerBeforeVisible", Args(2000, Separation(view), 200), objectId: rebuilt);

        Assert.Equal(window, Rows(view));
        Assert.Equal("Touched 1 times", view.Text("#touch"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    // The browser's part after init: answer it, then report the list at the top (the spacer after in view).
    private static async Task<long> StartAsync(ViewClient view)
    {
        var init = await view.JSCallAsync("Blazor._internal.Virtualize.init");
        await view.AnswerJSAsync(init);
        var helper = init.Arguments[0].GetProperty("__dotNetObject").GetInt64();
        await view.InvokeDotNetAsync(null, "OnSpacerAfterVisible", Args(1000 * 20 - 200, Separation(view), 200), objectId: helper);
        return helper;
    }

    private static string Args(double spacerSize, double separation, double containerSize) =>
        JsonSerializer.Serialize(new[] { spacerSize, separation, containerSize });

    private static int Separation(ViewClient view) => view.Root.QuerySelectorAll("#list > div:not([aria-hidden])").Length * 20;

    private static List<string> Rows(ViewClient view) => [.. view.Root.QuerySelectorAll(".row").Select(r => r.TextContent)];
}
